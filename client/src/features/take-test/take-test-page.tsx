// Taking a diagnostic: SurveyJS in Russian, autosave on every page change, a server-owned timer, one submission.
import "survey-core/survey-core.fontless.min.css";
import "survey-core/i18n/russian";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { useAuth } from "../../app/auth";
import { Link, navigate } from "../../app/router";
import { api, ApiError, type Attempt, type Instrument } from "../../lib/api";
import { formatDuration, plural } from "../../lib/format";
import { ErrorNotice, Loading } from "../../lib/ui";
import { clearPending, readPending, withPending } from "./pending-answers";
import { useAutosave } from "./use-autosave";
import { useCountdown } from "./use-countdown";
import { SaveIndicator } from "./save-indicator";
import { SURVEY_THEME } from "./survey-theme";

interface Loaded { instrument: Instrument; attempt: Attempt }

export default function TakeTestPage({ instrumentId }: { instrumentId: string }) {
  const { user } = useAuth();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    Promise.all([api.instrument(instrumentId), api.startAttempt(instrumentId)])
      .then(([instrument, attempt]) => {
        if (attempt.status === "submitted") clearPending(attempt.id);
        setLoaded({ instrument, attempt });
      }, setError);
  }, [instrumentId]);
  useEffect(load, [load]);

  if (error instanceof ApiError && error.code === "already_submitted" && user?.anonymous) {
    // An anonymous respondent has no profile: the answers are in, and that is all there is to see.
    return (
      <section className="page narrow">
        <h1>Ответы уже отправлены</h1>
        <p>Спасибо! Анкета по этому коду заполнена; изменить ответы нельзя. Результаты школа увидит только в обобщённом виде.</p>
        <p><Link className="button button-primary" href="/">На главную</Link></p>
      </section>
    );
  }
  if (error instanceof ApiError && error.code === "already_submitted") {
    return (
      <section className="page">
        <h1>Диагностика уже пройдена</h1>
        <p>Вы отправили ответы в текущем мониторинге. Результат — на главной странице и в профиле.</p>
        <p><Link className="button button-primary" href="/profile">Мой профиль</Link></p>
      </section>
    );
  }
  if (error) return <section className="page"><ErrorNotice error={error} onRetry={load} /></section>;
  if (!loaded) return <Loading label="Загружаем диагностику…" />;
  if (loaded.attempt.status === "submitted") return <Redirect to={`/results/${loaded.attempt.id}`} />;
  return <TestRunner instrument={loaded.instrument} attempt={loaded.attempt} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function TestRunner({ instrument, attempt }: Loaded) {
  const model = useMemo(() => {
    const survey = new Model(instrument.survey);
    survey.locale = "ru";
    survey.applyTheme(SURVEY_THEME);
    survey.showProgressBar = true;
    survey.progressBarLocation = "top";
    survey.progressBarType = "questions";
    survey.showQuestionNumbers = "on";
    survey.showCompletedPage = false;
    survey.completeText = "Завершить и отправить";
    // Answers this browser kept but the server never acknowledged (lost connection, reload) come back on top.
    const pending = readPending(attempt.id);
    survey.data = withPending(attempt.data, pending);
    const page = pending?.unsaved.length ? Math.max(pending.currentPage, attempt.currentPage) : attempt.currentPage;
    survey.currentPageNo = Math.min(page, Math.max(0, survey.visiblePageCount - 1));
    return survey;
  }, [instrument, attempt]);

  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const confirmed = useRef(false);

  const submit = useCallback(async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const { result } = await api.submitAttempt(attempt.id, model.data as Record<string, unknown>);
      clearPending(attempt.id);
      // Questionnaires without scores (climate, conditions) have no result page: back home, marked done.
      navigate(result ? `/results/${attempt.id}` : "/", { replace: true });
    } catch (e) {
      setSubmitError(e);
      setSubmitting(false);
    }
  }, [attempt.id, model]);

  const autosave = useAutosave(attempt.id, model, () => void submit());
  const remaining = useCountdown(attempt.deadlineAt, attempt.serverTime, () => void submit());

  useEffect(() => {
    const onCompleting = (_: Model, options: { allow: boolean }) => {
      if (confirmed.current) return;
      options.allow = false;
      setConfirming(true);
    };
    const onComplete = () => void submit();
    model.onCompleting.add(onCompleting);
    model.onComplete.add(onComplete);
    return () => {
      model.onCompleting.remove(onCompleting);
      model.onComplete.remove(onComplete);
    };
  }, [model, submit]);

  const unanswered = confirming ? model.getAllQuestions(true).filter((q) => q.isEmpty()).length : 0;

  if (submitting || submitError) {
    return (
      <section className="page narrow">
        {submitError ? (
          <ErrorNotice error={submitError} onRetry={() => void submit()} />
        ) : (
          <Loading label="Отправляем ответы и считаем результат…" />
        )}
      </section>
    );
  }

  return (
    <section className="test" aria-labelledby="test-title">
      <div className="test-bar">
        <h1 id="test-title" className="test-title">{instrument.title}</h1>
        <div className="test-status">
          <SaveIndicator autosave={autosave} labels={(names) => names.map((name) => questionLabel(model, name))} />
          {remaining !== null && (
            <span className={`timer ${remaining < 5 * 60_000 ? "timer-low" : ""}`} role="timer" aria-live={remaining < 5 * 60_000 ? "polite" : "off"}>
              <span className="visually-hidden">Осталось времени: </span>{formatDuration(remaining)}
            </span>
          )}
        </div>
      </div>
      <Survey model={model} />
      {confirming && (
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" onKeyDown={(e) => { if (e.key === "Escape") setConfirming(false); }}>
            <h2 id="confirm-title">Отправить ответы?</h2>
            <p>
              {unanswered > 0
                ? `Без ответа ${unanswered} ${plural(unanswered, ["вопрос", "вопроса", "вопросов"])}. После отправки изменить ответы будет нельзя.`
                : "Вы ответили на все вопросы. После отправки изменить ответы будет нельзя."}
            </p>
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} autoFocus>Вернуться к вопросам</button>
              <button type="button" className="button button-primary" onClick={() => { confirmed.current = true; setConfirming(false); model.tryComplete(); }}>
                Отправить
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

/** A question as the person knows it: its number on the page («4»), or its name when numbers are off. */
function questionLabel(model: Model, name: string): string {
  const question = model.getQuestionByName(name);
  const no = question?.no ? String(question.no).replace(/\.$/, "") : "";
  return no || name;
}

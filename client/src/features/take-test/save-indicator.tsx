// The autosave indicator: a calm word about whether the answers are safe on the server, and which are not yet.
import { formatTime, plural } from "../../lib/format";
import type { Autosave } from "./use-autosave";

/** «3 ответа ещё не сохранены на сервере» with the right forms of the words for any count. */
export function unsavedPhrase(count: number): string {
  const answers = plural(count, ["ответ", "ответа", "ответов"]);
  return `${count} ${answers} ещё не ${count % 10 === 1 && count % 100 !== 11 ? "сохранён" : "сохранены"} на сервере`;
}

/** `labels`: how to name each unsaved question to the person (its number, as the survey shows it). */
export function SaveIndicator({ autosave, labels }: { autosave: Autosave; labels: (names: string[]) => string[] }) {
  const { state, unsaved } = autosave;
  const waiting = unsaved.length > 0 && (state.kind === "offline" || state.kind === "busy" || state.kind === "error");
  const [text, tone] = (() => {
    switch (state.kind) {
      case "idle": return ["Ответы сохраняются автоматически", "muted"];
      case "saving": return ["Сохранение…", "muted"];
      case "saved": return [`Сохранено в ${formatTime(state.at)}`, "ok"];
      case "offline":
        return [unsaved.length
          ? `${unsavedPhrase(unsaved.length)} — сохраним, как только появится связь`
          : "Нет связи — ответы сохранятся, когда соединение восстановится", "warn"];
      case "busy":
        return [`Сервер перегружен: ${unsaved.length ? `${unsavedPhrase(unsaved.length)} — ` : ""}повторим автоматически через ${Math.max(1, Math.ceil((state.retryAt.getTime() - Date.now()) / 1000))} с, ответы хранятся в этом браузере`, "warn"];
      case "error": return [state.message, "warn"];
    }
  })();
  const which = waiting ? labels(unsaved) : [];
  return (
    <span className={`save save-${tone}`} role="status" aria-live="polite" data-save-state={state.kind} data-unsaved={unsaved.length}>
      {text}
      {which.length > 0 && <span className="save-which"> ({plural(which.length, ["вопрос", "вопроса", "вопросов"])} {which.join(", ")})</span>}
    </span>
  );
}

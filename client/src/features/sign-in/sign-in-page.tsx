// Sign-in: by login and password, or by the access code printed for a respondent. Loads no SurveyJS.
import { useState, type FormEvent } from "react";
import { useAuth } from "../../app/auth";
import { navigate } from "../../app/router";
import { api, ApiError } from "../../lib/api";

type Mode = "password" | "code";

/** The code a printed slip's QR code carries: /login?code=XXXX-XXXX-XXXX-XXXX. */
function codeFromLink(): string {
  return (new URLSearchParams(location.search).get("code") ?? "").trim().slice(0, 64);
}

export function SignInPage() {
  const { signIn } = useAuth();
  const [linkCode] = useState(codeFromLink);
  const [mode, setMode] = useState<Mode>(linkCode ? "code" : "password");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState(linkCode);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const session = mode === "password" ? await api.login(login, password) : await api.loginWithCode(code);
      signIn(session);
      navigate("/", { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Не удалось войти. Попробуйте ещё раз.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin" id="main">
      <section className="signin-intro" aria-labelledby="product">
        <div className="signin-brand">
          <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#fff" fillOpacity=".12" /><circle cx="16" cy="16" r="9" fill="none" stroke="#fff" strokeWidth="2.5" /><path d="M16 8.5 19 16l-3 7.5L13 16z" fill="#f2b84b" /></svg>
          <span id="product">Ориентир</span>
        </div>
        <h1>Диагностика профессиональных дефицитов педагогов и руководителей школ</h1>
        <p>Онлайн-диагностика предметной и методической компетентности, профиль дефицитов, курсы повышения квалификации и наставник — для школ с низкими образовательными результатами и школ, работающих в сложных социальных условиях.</p>
      </section>

      <section className="signin-card" aria-labelledby="signin-title">
        <h2 id="signin-title">Вход</h2>
        <div className="tabs" role="tablist" aria-label="Способ входа">
          {(["password", "code"] as const).map((m) => (
            <button key={m} type="button" role="tab" id={`tab-${m}`} aria-selected={mode === m} aria-controls="signin-form"
              className={`tab ${mode === m ? "tab-active" : ""}`} onClick={() => { setMode(m); setError(null); }}>
              {m === "password" ? "Логин и пароль" : "Вход по коду"}
            </button>
          ))}
        </div>
        <form id="signin-form" role="tabpanel" aria-labelledby={`tab-${mode}`} onSubmit={submit} noValidate>
          {mode === "password" ? (
            <>
              <label className="field">
                <span>Логин</span>
                <input name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} autoFocus />
              </label>
              <label className="field">
                <span>Пароль</span>
                <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
              </label>
            </>
          ) : (
            <label className="field">
              <span>Код доступа</span>
              <input name="code" autoComplete="one-time-code" inputMode="text" spellCheck={false} required placeholder="XXXX-XXXX-XXXX-XXXX"
                value={code} onChange={(e) => setCode(e.target.value)} autoFocus={!linkCode} />
              <small>{linkCode && code === linkCode ? "Код подставлен из QR-кода: нажмите «Войти»." : "Код напечатан на карточке, которую выдаёт школа или институт."}</small>
            </label>
          )}
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="submit" className="button button-primary button-wide" disabled={busy || (mode === "password" ? !login || !password : !code)} autoFocus={!!linkCode}>
            {busy ? "Вход…" : "Войти"}
          </button>
        </form>
      </section>
    </main>
  );
}

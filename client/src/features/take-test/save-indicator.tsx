// The autosave indicator: a calm word about whether the answers are safe on the server.
import { formatTime } from "../../lib/format";
import type { SaveState } from "./use-autosave";

export function SaveIndicator({ state }: { state: SaveState }) {
  const [text, tone] = (() => {
    switch (state.kind) {
      case "idle": return ["Ответы сохраняются автоматически", "muted"];
      case "saving": return ["Сохранение…", "muted"];
      case "saved": return [`Сохранено в ${formatTime(state.at)}`, "ok"];
      case "offline": return ["Нет связи — ответы сохранятся, когда соединение восстановится", "warn"];
      case "error": return [state.message, "warn"];
    }
  })();
  return <span className={`save save-${tone}`} role="status" aria-live="polite" data-save-state={state.kind}>{text}</span>;
}

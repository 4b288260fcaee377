import { useStore } from '../state/store';
import { dismiss, notices } from './notices';

/** The shared error banner: every failed request and refused subscription ends up here, readable and dismissible. */
export function NoticeBanner() {
  const list = useStore(notices);
  if (list.length === 0) return null;
  return (
    <div class="notices" role="alert" aria-live="assertive">
      {list.map((n) => (
        <div key={n.id} class={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" class="notice-close" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { login, register } from './auth';

/** Log in or register; the server's message (wrong password, weak password, taken email) is shown as it is. */
export function LoginPanel() {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'login') {
        await login(email.trim(), password);
      } else {
        await register(email.trim(), password, name.trim());
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="panel login" aria-labelledby="login-title">
      <h2 id="login-title">Paper trading account</h2>
      <div class="tabs" role="tablist" aria-label="Log in or register">
        <button type="button" role="tab" aria-selected={mode === 'login'} onClick={() => setMode('login')}>Log in</button>
        <button type="button" role="tab" aria-selected={mode === 'register'} onClick={() => setMode('register')}>
          Register</button>
      </div>
      <form class="form" onSubmit={submit}>
        <label for="login-email">Email</label>
        <input id="login-email" type="email" autocomplete="username" required value={email}
               onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        <label for="login-password">Password</label>
        <input id="login-password" type="password" required value={password}
               autocomplete={mode === 'login' ? 'current-password' : 'new-password'}
               onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        {mode === 'register' && <>
          <label for="login-name">Name</label>
          <input id="login-name" type="text" autocomplete="name" value={name}
                 onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          <p class="span muted">At least 6 characters with a letter and a digit. A new account starts with the
            simulator's initial capital.</p>
        </>}
        {error && <p class="form-error span" role="alert">{error}</p>}
        <button type="submit" class="button primary span" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'login' ? 'Log in' : 'Create account'}
        </button>
      </form>
    </div>
  );
}

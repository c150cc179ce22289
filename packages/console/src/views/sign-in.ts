import { html, nothing } from 'lit';

export interface SignInView {
  error: string;
  busy: boolean;
  onSubmit: (email: string, password: string) => void;
}

export function renderSignIn({ error, busy, onSubmit }: SignInView) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    onSubmit(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
  };
  return html`<main class="sign-in">
    <h1>Repruv Assistant console</h1>
    <form @submit=${submit} aria-describedby=${error ? 'sign-in-error' : nothing}>
      <label for="email">E-mail</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
      />
      ${error ? html`<p id="sign-in-error" class="error" role="alert">${error}</p>` : nothing}
      <button type="submit" ?disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  </main>`;
}

import { Field } from '../field.js';
import { useEffect, useState } from 'preact/hooks';
import { describeError, postJson } from '../api.js';
import { apiOffers } from '../capabilities.js';
import { signInWith, type SignedIn } from '../session.js';

const ROLES = ['analyst', 'reviewer', 'coordinator', 'auditor', 'admin', 'data-protection'] as const;
const AGENCIES = ['police', 'probation', 'prison', 'youth-justice', 'health', 'children-services', 'adult-services', 'housing', 'other'] as const;

/** Sign in with a bearer token pasted once (kept for this tab), or in development "sign in as" anyone. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: SignedIn) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [development, setDevelopment] = useState(false);

  useEffect(() => {
    void apiOffers('/dev/tokens').then(setDevelopment);
  }, []);

  const attempt = async (getToken: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signInWith(await getToken()));
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <section class="sign-in">
      <h1>Sign in</h1>
      {error !== null && <p role="alert" class="error">The token was not accepted. {error}</p>}
      <form
        aria-labelledby="paste-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim() !== '') void attempt(async () => token);
        }}
      >
        <h2 id="paste-heading">With a bearer token</h2>
        <p>
          Paste the token your organisation issued you. It is kept in this browser tab only (session storage) and sent to this
          server's API with each request; closing the tab forgets it.
        </p>
        <label for="token">Bearer token</label>
        <textarea id="token" name="token" rows={4} spellcheck={false} autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} required />
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
      {development && <SignInAs busy={busy} onToken={(get) => void attempt(get)} />}
    </section>
  );
}

/** Development only: the engine offers `POST /dev/tokens` outside production, and this form only when it does. */
function SignInAs({ busy, onToken }: { busy: boolean; onToken: (get: () => Promise<string>) => void }) {
  const [role, setRole] = useState<string>('analyst');
  const [sub, setSub] = useState('');
  const [agency, setAgency] = useState<string>('police');
  const [areas, setAreas] = useState('cumbria');
  return (
    <form
      class="sign-in-as"
      aria-labelledby="as-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const list = areas.split(/[\s,]+/).filter((a) => a !== '');
        onToken(async () => (await postJson<{ token: string }>('/dev/tokens', { sub: sub.trim() || `dev-${role}`, role, agency, areas: list }, { token: null })).token);
      }}
    >
      <h2 id="as-heading">Development: sign in as</h2>
      <p>This engine runs outside production, so it mints a development token for whoever you name here. In production this form does not exist.</p>
      <div class="fields">
        <Field id="field-role" label="Role">
          <select id="field-role" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            {ROLES.map((r) => <option value={r}>{r}</option>)}
          </select>
        </Field>
        <Field id="field-sub" label="Subject">
          <input id="field-sub" name="sub" value={sub} placeholder={`dev-${role}`} onInput={(e) => setSub(e.currentTarget.value)} />
        </Field>
        <Field id="field-agency" label="Agency">
          <select id="field-agency" name="agency" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
            {AGENCIES.map((a) => <option value={a}>{a}</option>)}
          </select>
        </Field>
        <Field id="field-areas" label="Areas (codes, or * for every area)">
          <input id="field-areas" name="areas" value={areas} onInput={(e) => setAreas(e.currentTarget.value)} required />
        </Field>
      </div>
      <button type="submit" disabled={busy}>Sign in as {role}</button>
    </form>
  );
}

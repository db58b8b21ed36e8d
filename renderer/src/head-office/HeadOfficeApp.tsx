import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { ReportsPage } from '../features/reports/ReportsPage.js';
import { Notices } from '../components/Notices.js';
import { notifyError } from '../stores/notices.js';
import { hqSession, hqSignIn, hqSignOut, type Branch } from './transport.js';
import './head-office.css';

/** The branch the report pages show (null = 全部门店); the transport reads it at each call. */
export const useBranch = create<{ branch: string | null; set(b: string | null): void }>((set) => ({ branch: null, set: (branch) => set({ branch }) }));

function SignIn({ onDone }: { onDone: (branches: Branch[]) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    const r = await hqSignIn(password);
    setBusy(false);
    setPassword('');
    if (r.ok) onDone(r.value.branches);
    else notifyError(r.error);
  };
  return (
    <main className="hq-signin">
      <form className="card hq-signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="hq-signin-title">
        <h1 id="hq-signin-title">{t('headOffice.signInTitle')}</h1>
        <p className="lead">{t('headOffice.signInLead')}</p>
        <label className="field">
          <span>{t('headOffice.password')}</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus required />
        </label>
        <button type="submit" className="btn btn-primary btn-xl btn-block" disabled={busy}>{busy ? t('headOffice.signingIn') : t('headOffice.signIn')}</button>
      </form>
    </main>
  );
}

/**
 * Head office in the browser (served by the shop server at /hq/): the owner signs in with the
 * head-office password, picks 全部门店 or one branch, and sees the till's own report pages
 * (overview and members tabs), answered from PostgreSQL. Changing the branch remounts the
 * pages, so every figure is asked again for it.
 */
export function HeadOfficeApp() {
  const { t } = useTranslation();
  const [branches, setBranches] = useState<Branch[] | null | undefined>(undefined);
  const branch = useBranch((s) => s.branch);
  const setBranch = useBranch((s) => s.set);
  useEffect(() => {
    void hqSession().then((r) => setBranches(r.ok && r.value.signedIn ? r.value.branches : null));
  }, []);
  const signOut = async () => {
    await hqSignOut();
    setBranch(null);
    setBranches(null);
  };
  return (
    <>
      {branches === undefined ? <p className="hq-loading">{t('headOffice.loading')}</p> : null}
      {branches === null ? <SignIn onDone={setBranches} /> : null}
      {branches ? (
        <div className="hq-shell">
          <header className="hq-bar">
            <strong>{t('headOffice.title')}</strong>
            <label className="hq-branch">
              <span>{t('headOffice.branch')}</span>
              <select value={branch ?? ''} onChange={(e) => setBranch(e.target.value || null)}>
                <option value="">{t('headOffice.allBranches')}</option>
                {branches.map((b) => <option key={b.code} value={b.code}>{`${b.code} ${b.name}`}</option>)}
              </select>
            </label>
            <span className="muted" aria-live="polite">{t('headOffice.showing', { branch: branch ? branches.find((b) => b.code === branch)?.name ?? branch : t('headOffice.allBranches') })}</span>
            <button type="button" className="btn" onClick={() => void signOut()}>{t('headOffice.signOut')}</button>
          </header>
          <main className="hq-main">
            <ReportsPage key={branch ?? ''} headOffice />
          </main>
        </div>
      ) : null}
      <Notices />
    </>
  );
}

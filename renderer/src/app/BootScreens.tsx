import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { PageHeading } from '../components/PageHeading.js';

export function NoSecretScreen({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  return (
    <main className="screen-center">
      <div className="card card-narrow">
        <div className="card-top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitcher />
        </div>
        <PageHeading>
          {t('noSecret.title')}
        </PageHeading>
        <p className="lead">{expired ? t('noSecret.expired') : t('noSecret.body')}</p>
        <p className="muted">
          <code>{t('noSecret.example')}</code>
        </p>
      </div>
    </main>
  );
}

export function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen-center">
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    </main>
  );
}

export function BootErrorScreen({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="screen-center">
      <div className="card card-narrow">
        <PageHeading>
          {t('app.statusFailed')}
        </PageHeading>
        <p className="lead">{t('errors.network')}</p>
        <button type="button" className="btn btn-primary btn-lg" onClick={onRetry} autoFocus>
          {t('app.retry')}
        </button>
      </div>
    </main>
  );
}

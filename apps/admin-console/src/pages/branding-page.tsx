import { useState } from 'react';
import type { BrandingView } from '@app/contracts';
import { ConfirmAction, formatDate, Loading, Notice } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { PageHead } from '../list-page';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { BrandingForm } from './branding-form';
import { isDefaultBranding } from './branding-values';
import type { BrandingInput } from './branding-values';

const DEFAULTS: BrandingView = { organization_name: null, logo_uri: null, primary_color: null, custom_css: null, updated_at: null };

/** How the sign-in pages look: edited with `config:write`, shown read-only with `config:read` alone. */
export function BrandingPage() {
  const { api } = useSession();
  const canWrite = useCan('config:write');
  const { data: view, error: loadError, setData: setView } = useResource<BrandingView>('/branding');
  const reset = useSubmission();
  const [notice, setNotice] = useState<string>();

  const save = async (input: BrandingInput) => {
    setNotice(undefined);
    setView(await api.send<BrandingView>('PUT', '/branding', input));
    setNotice('Saved.');
  };
  const resetToDefaults = () =>
    reset.run(async () => {
      setNotice(undefined);
      await api.send('DELETE', '/branding');
      setView(DEFAULTS);
      setNotice('Branding reset to the defaults.');
    });

  return (
    <section>
      <PageHead title="Branding" />
      <p className="subtitle">The organization name, logo, colour and styles of the sign-in, consent and account pages.</p>
      {loadError ? <ErrorBanner error={loadError} /> : !view ? <Loading /> : null}
      {view && (
        <>
          <p data-testid="branding-status">
            {isDefaultBranding(view) ? 'The sign-in pages use the built-in look.' : `Last changed ${formatDate(view.updated_at)}.`}
            {!canWrite && ' Your role may look at the branding but not change it.'}
          </p>
          {/* A new answer (a save or a reset) starts the form over from it. */}
          <BrandingForm key={view.updated_at ?? 'defaults'} view={view} readOnly={!canWrite} onSubmit={save} onEdit={() => setNotice(undefined)} />
          {notice && <Notice>{notice}</Notice>}
          {canWrite && !isDefaultBranding(view) && (
            <section className="panel danger-zone" aria-labelledby="branding-reset-title">
              <h2 id="branding-reset-title">Reset to defaults</h2>
              <p>The organization name, logo, colour and custom CSS are removed; the sign-in pages go back to their built-in look.</p>
              <ConfirmAction label="Reset to defaults" question="Remove all branding and use the built-in look?" confirmLabel="Reset now" onConfirm={resetToDefaults} />
            </section>
          )}
          <ErrorBanner error={reset.error} />
        </>
      )}
    </section>
  );
}

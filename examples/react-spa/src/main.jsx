import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider, useAuth } from 'react-oidc-context';

// The API this app calls: the token's audience (RFC 8707 resource) and the URL of one of its routes.
const API_RESOURCE = import.meta.env.VITE_API_RESOURCE;
const API_URL = import.meta.env.VITE_API_URL;

/** Authorization code + PKCE (S256), done by oidc-client-ts; the tokens stay in this tab's sessionStorage. */
const oidcConfig = {
  authority: import.meta.env.VITE_ISSUER,
  client_id: import.meta.env.VITE_CLIENT_ID,
  redirect_uri: import.meta.env.VITE_REDIRECT_URI,
  post_logout_redirect_uri: import.meta.env.VITE_POST_LOGOUT_REDIRECT_URI,
  scope: import.meta.env.VITE_SCOPE,
  // The ID token carries who signed in; name, email and the rest come from the userinfo endpoint.
  loadUserInfo: true,
  // The access token is issued for the API, so the API accepts its audience.
  extraQueryParams: { resource: API_RESOURCE },
  // Back from sign-in: drop ?code=&state= from the address bar, so a reload does not redeem the code again.
  onSigninCallback: () => window.history.replaceState({}, document.title, window.location.pathname),
};

function App() {
  const auth = useAuth();
  const [answer, setAnswer] = useState('');

  async function callApi() {
    try {
      const response = await fetch(API_URL, { headers: { Authorization: `Bearer ${auth.user.access_token}` } });
      setAnswer(`${response.status} ${await response.text()}`);
    } catch (error) {
      setAnswer(`The API could not be reached: ${error.message}`);
    }
  }

  if (auth.isLoading) return <p>Loading…</p>;
  if (auth.error) {
    return (
      <main>
        <p role="alert">Sign-in failed: {auth.error.message}</p>
        <button onClick={() => void auth.signinRedirect()}>Log in</button>
      </main>
    );
  }
  if (!auth.isAuthenticated) {
    return (
      <main>
        <p>Signed out</p>
        <button onClick={() => void auth.signinRedirect()}>Log in</button>
      </main>
    );
  }
  const { profile } = auth.user;
  return (
    <main>
      <p>Signed in as {profile.name ?? profile.preferred_username ?? profile.sub}</p>
      <button onClick={() => void callApi()}>Call the API</button>{' '}
      <button onClick={() => void auth.signoutRedirect({ id_token_hint: auth.user.id_token })}>Log out</button>
      {answer && <pre aria-label="API answer">{answer}</pre>}
    </main>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <AuthProvider {...oidcConfig}>
      <App />
    </AuthProvider>
  </StrictMode>,
);

import { decodeJwt } from './oauth';
import type { FormExchange } from './oauth';

const TOKEN_NAMES = ['access_token', 'id_token'] as const;

/** A token or device request as sent and the server's answer, with any JWTs in it decoded. */
export function ExchangeView({ title, exchange }: { title: string; exchange: FormExchange }) {
  const ok = exchange.status >= 200 && exchange.status < 300;
  const headerLines = Object.entries(exchange.request.headers).map(([name, value]) => `${name}: ${value}`);
  return (
    <section className="panel exchange" aria-label={title}>
      <h3>{title}</h3>
      <h4>Request</h4>
      <pre className="code-block">{[`POST ${exchange.request.url}`, ...headerLines, '', exchange.request.body.replace(/&/g, '\n&')].join('\n')}</pre>
      <h4>
        Response <span className={`status${ok ? ' active' : ' failed'}`}>{exchange.status}</span>
      </h4>
      <pre className="code-block" data-testid="exchange-response">
        {JSON.stringify(abbreviated(exchange.body), null, 2)}
      </pre>
      {TOKEN_NAMES.map((name) => {
        const value = exchange.body[name];
        return typeof value === 'string' ? <DecodedToken key={name} name={name} token={value} /> : null;
      })}
    </section>
  );
}

function DecodedToken({ name, token }: { name: string; token: string }) {
  const decoded = decodeJwt(token);
  if (!decoded) {
    return (
      <>
        <h4>{name}</h4>
        <p>Opaque: the API checks it by introspection.</p>
      </>
    );
  }
  return (
    <div className="decoded" data-testid={`decoded-${name}`}>
      <h4>{name} (decoded)</h4>
      <div className="row">
        <div>
          <p className="hint">Header</p>
          <pre className="code-block">{JSON.stringify(decoded.header, null, 2)}</pre>
        </div>
        <div>
          <p className="hint">Claims</p>
          <pre className="code-block">{JSON.stringify(withDates(decoded.payload), null, 2)}</pre>
        </div>
      </div>
    </div>
  );
}

/** Long tokens are cut in the raw answer; their decoded form is below it. */
function abbreviated(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, typeof value === 'string' && value.length > 60 ? `${value.slice(0, 40)}…(${value.length} chars)` : value]));
}

function withDates(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...claims };
  for (const name of ['exp', 'iat', 'nbf', 'auth_time']) {
    if (typeof claims[name] === 'number') out[name] = `${claims[name]} (${new Date((claims[name] as number) * 1000).toLocaleString()})`;
  }
  return out;
}

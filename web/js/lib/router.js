// Hash routes: "#/market/ACME" -> {name: 'market', params: ['ACME'], query: {}}.

export const default_route = Object.freeze({ name: 'market', params: [], query: {} });

/// Parses a location hash; unknown or empty hashes give the market screen.
export function parse_route(hash) {
  const text = (hash ?? '').replace(/^#\/?/, '');
  if (!text) return default_route;
  const [path, search = ''] = text.split('?', 2);
  const [name, ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(search));
  return { name, params, query };
}

/// Builds a hash for a route name and params.
export function route_hash(name, ...params) {
  return `#/${[name, ...params].map(encodeURIComponent).join('/')}`;
}

/// Reads the claims of a JWT without verifying it (the server verifies); null when malformed.
export function token_claims(token) {
  const part = typeof token === 'string' ? token.split('.')[1] : null;
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

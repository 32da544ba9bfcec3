// REST client for /api/v1: JSON in and out, errors as api_error {status, code, message} (the server's
// {"code","message"} shape), bearer access token, and the refresh token rotated in the background
// before the access token expires (and once more on TOKEN_EXPIRED).

export class api_error extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

const status_codes = { 400: 'MALFORMED_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED', 413: 'REQUEST_TOO_LARGE', 429: 'RATE_LIMITED', 503: 'UNAVAILABLE', 504: 'TIMEOUT' };

/// The code for a failed response body (already parsed or null).
export function error_from(status, body) {
  if (body && typeof body.code === 'string') return new api_error(status, body.code, body.message ?? '');
  return new api_error(status, status_codes[status] ?? 'INTERNAL_ERROR', `HTTP ${status}`);
}

/// The promise's value, or `fallback` when the node answers 404 NOT_FOUND: a route it does not serve
/// (yet); every other failure, UNKNOWN_SYMBOL and UNKNOWN_ORDER included, still rejects.
export function unless_missing(promise, fallback = null) {
  return promise.catch((err) => {
    if (err?.status === 404 && err.code === 'NOT_FOUND') return fallback;
    throw err;
  });
}

export class api_client {
  /// storage keeps the refresh token between page loads (localStorage in the browser); timers are
  /// {set, clear} (setTimeout/clearTimeout); on_session(session|null) reports sign-in and sign-out.
  constructor({ base = '/api/v1', fetch_impl = globalThis.fetch.bind(globalThis), storage = null,
    timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id) }, on_session = () => {} } = {}) {
    this.base_ = base;
    this.fetch_ = fetch_impl;
    this.storage_ = storage;
    this.timers_ = timers;
    this.on_session_ = on_session;
    this.session = null;
    this.refresh_timer_ = null;
    this.refreshing_ = null;
  }

  get access_token() {
    return this.session?.access_token ?? null;
  }

  /// Adopts a token response {access_token, refresh_token, expires_in (s), user} and schedules the
  /// refresh at 80 % of the lifetime.
  set_session(tokens) {
    this.session = { ...tokens };
    if (tokens.refresh_token) this.storage_?.setItem('bourse.refresh', tokens.refresh_token);
    if (this.refresh_timer_) this.timers_.clear(this.refresh_timer_);
    const lifetime_ms = Math.max(5, tokens.expires_in ?? 300) * 800;
    this.refresh_timer_ = this.timers_.set(() => this.refresh().catch(() => {}), lifetime_ms);
    this.on_session_(this.session);
  }

  clear_session() {
    if (this.refresh_timer_) this.timers_.clear(this.refresh_timer_);
    this.refresh_timer_ = null;
    this.session = null;
    this.storage_?.removeItem('bourse.refresh');
    this.on_session_(null);
  }

  /// Rotates the refresh token; concurrent callers share one request. Clears the session on failure.
  refresh() {
    if (this.refreshing_) return this.refreshing_;
    const token = this.session?.refresh_token ?? this.storage_?.getItem('bourse.refresh');
    if (!token) return Promise.reject(new api_error(401, 'UNAUTHENTICATED', 'no refresh token'));
    this.refreshing_ = this.send_('POST', '/auth/refresh', { refresh_token: token }, false)
      .then((tokens) => {
        this.set_session({ ...this.session, ...tokens });
        return this.session;
      })
      .catch((err) => {
        if (err.status === 401 || err.status === 403) this.clear_session();
        throw err;
      })
      .finally(() => {
        this.refreshing_ = null;
      });
    return this.refreshing_;
  }

  /// One request; retried once after a refresh when the access token expired.
  async request(method, path, body = undefined) {
    try {
      return await this.send_(method, path, body, true);
    } catch (err) {
      if (err.code !== 'TOKEN_EXPIRED' || !this.session) throw err;
      await this.refresh();
      return this.send_(method, path, body, true);
    }
  }

  async send_(method, path, body, with_auth) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (with_auth && this.access_token) headers.Authorization = `Bearer ${this.access_token}`;
    let res;
    try {
      res = await this.fetch_(this.base_ + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
      });
    } catch (err) {
      throw new api_error(0, 'UNAVAILABLE', String(err?.message ?? err));
    }
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw error_from(res.status, parsed);
    return parsed;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body = {}) {
    return this.request('POST', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  del(path) {
    return this.request('DELETE', path);
  }

  async login(username, password) {
    this.set_session(await this.send_('POST', '/auth/local/login', { username, password }, false));
    return this.session;
  }

  async register(username, password) {
    return this.send_('POST', '/auth/local/register', { username, password }, false);
  }

  async logout() {
    const token = this.session?.refresh_token ?? this.storage_?.getItem('bourse.refresh');
    try {
      if (token) await this.send_('POST', '/auth/logout', { refresh_token: token }, true);
    } finally {
      this.clear_session();
    }
  }
}

// WebSocket client for /ws: channel subscriptions (kept across reconnects), request/reply by echoed id,
// heartbeats, and reconnect with capped exponential backoff plus jitter.
// Wire: client {op, id?, channels? , ...}; server {channel, type, seq?, data} for channel messages,
// {id, type: 'result'|'error', data | code+message} for replies, {type: 'pong'} for heartbeats.

import { api_error } from './api.js';

/// Delay before reconnect attempt n (0-based), ms: min(max, base * 2^n), scaled by 0.5..1 jitter.
export function backoff_ms(attempt, { base_ms = 500, max_ms = 15000, random = Math.random } = {}) {
  const capped = Math.min(max_ms, base_ms * 2 ** Math.min(attempt, 20));
  return Math.round(capped * (0.5 + random() / 2));
}

export class ws_client {
  /// url: ws(s)://host/ws; token(): current access token or null; timers {set, clear}.
  constructor({ url, socket_impl = globalThis.WebSocket, token = () => null, timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id) },
    random = Math.random, on_status = () => {}, ping_ms = 20000, request_timeout_ms = 10000 }) {
    this.url_ = url;
    this.socket_impl_ = socket_impl;
    this.token_ = token;
    this.timers_ = timers;
    this.random_ = random;
    this.on_status_ = on_status;
    this.ping_ms_ = ping_ms;
    this.request_timeout_ms_ = request_timeout_ms;
    this.handlers_ = new Map(); // channel -> Set of handlers
    this.pending_ = new Map(); // id -> {resolve, reject, timer}
    this.next_id_ = 1;
    this.attempt_ = 0;
    this.socket_ = null;
    this.stopped_ = true;
    this.retry_timer_ = null;
    this.ping_timer_ = null;
    this.status = 'closed';
  }

  start() {
    this.stopped_ = false;
    this.connect_();
  }

  stop() {
    this.stopped_ = true;
    if (this.retry_timer_) this.timers_.clear(this.retry_timer_);
    this.socket_?.close(1000, 'bye');
    this.socket_ = null;
    this.set_status_('closed');
  }

  /// Re-authenticates after sign-in or sign-out: reconnects so private channels follow the new token.
  reauthenticate() {
    if (this.stopped_ || !this.socket_) return;
    const socket = this.socket_;
    this.set_status_('reconnecting');
    socket.close(1000, 'reauth');
  }

  /// Adds a handler for a channel; subscribes on the first one. Returns the unsubscribe function.
  subscribe(channel, handler) {
    let set = this.handlers_.get(channel);
    if (!set) {
      set = new Set();
      this.handlers_.set(channel, set);
      this.send_({ op: 'subscribe', channels: [channel] });
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers_.get(channel) === set) {
        this.handlers_.delete(channel);
        this.send_({ op: 'unsubscribe', channels: [channel] });
      }
    };
  }

  /// Asks for a fresh snapshot of a channel (after a seq gap): unsubscribe then subscribe.
  resync(channel) {
    this.send_({ op: 'unsubscribe', channels: [channel] });
    this.send_({ op: 'subscribe', channels: [channel] });
  }

  /// Sends an op with a fresh id; resolves with the reply's data or rejects with api_error.
  request(op, fields = {}) {
    if (this.status !== 'open') return Promise.reject(new api_error(0, 'UNAVAILABLE', 'not connected'));
    const id = `r${this.next_id_++}`;
    return new Promise((resolve, reject) => {
      const timer = this.timers_.set(() => {
        this.pending_.delete(id);
        reject(new api_error(0, 'TIMEOUT', op));
      }, this.request_timeout_ms_);
      this.pending_.set(id, { resolve, reject, timer });
      this.send_({ op, id, ...fields });
    });
  }

  connect_() {
    this.set_status_('connecting');
    const socket = new this.socket_impl_(this.url_);
    this.socket_ = socket;
    socket.onopen = () => {
      if (this.socket_ !== socket) return;
      this.attempt_ = 0;
      const token = this.token_();
      if (token) socket.send(JSON.stringify({ op: 'auth', token }));
      if (this.handlers_.size) socket.send(JSON.stringify({ op: 'subscribe', channels: [...this.handlers_.keys()] }));
      this.set_status_('open');
      this.schedule_ping_();
    };
    socket.onmessage = (event) => this.on_message_(event.data);
    socket.onclose = () => {
      if (this.socket_ !== socket && this.socket_ !== null) return;
      this.socket_ = null;
      this.fail_pending_();
      if (this.ping_timer_) this.timers_.clear(this.ping_timer_);
      if (this.stopped_) return;
      this.set_status_('reconnecting');
      const delay = backoff_ms(this.attempt_++, { random: this.random_ });
      this.retry_timer_ = this.timers_.set(() => this.connect_(), delay);
    };
    socket.onerror = () => {};
  }

  on_message_(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (msg.id !== undefined && this.pending_.has(msg.id)) {
      const { resolve, reject, timer } = this.pending_.get(msg.id);
      this.pending_.delete(msg.id);
      this.timers_.clear(timer);
      if (msg.type === 'error') reject(new api_error(0, msg.code, msg.message));
      else resolve(msg.data ?? msg);
      return;
    }
    if (msg.channel) for (const handler of this.handlers_.get(msg.channel) ?? []) handler(msg);
  }

  fail_pending_() {
    for (const { reject, timer } of this.pending_.values()) {
      this.timers_.clear(timer);
      reject(new api_error(0, 'UNAVAILABLE', 'connection lost'));
    }
    this.pending_.clear();
  }

  schedule_ping_() {
    this.ping_timer_ = this.timers_.set(() => {
      this.send_({ op: 'ping' });
      this.schedule_ping_();
    }, this.ping_ms_);
  }

  send_(msg) {
    if (this.status === 'open' && this.socket_) this.socket_.send(JSON.stringify(msg));
  }

  set_status_(status) {
    this.status = status;
    this.on_status_(status, this.attempt_);
  }
}

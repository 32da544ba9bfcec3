// Player-facing text for every reason code of actors/common/reason_code.cpp (wire strings).

const messages = Object.freeze({
  MALFORMED_REQUEST: 'The request was not understood. Reload the page and try again.',
  UNKNOWN_SYMBOL: 'This instrument does not exist.',
  INVALID_QUANTITY: 'Enter a quantity greater than zero.',
  OFF_LOT: 'The quantity must be a whole number of lots.',
  QUANTITY_BELOW_MIN: 'The quantity is below the minimum order size.',
  QUANTITY_ABOVE_MAX: 'The quantity is above the maximum order size.',
  INVALID_PRICE: 'Enter a price greater than zero.',
  OFF_TICK: 'The price must be a multiple of the tick size.',
  OUTSIDE_PRICE_BAND: 'The price is outside today\'s allowed price band.',
  INVALID_STOP_PRICE: 'Enter a valid stop price on the tick.',
  INVALID_TIME_IN_FORCE: 'This time in force is not allowed for this order type (market and stop orders are IOC or FOK).',
  INVALID_EXPIRE_TIME: 'Choose an expiry time in the future (GTD orders only).',
  INVALID_DISPLAY_QUANTITY: 'The display quantity must be on the lot and not above the order quantity.',
  POST_ONLY_NOT_LIMIT: 'Post-only works only with resting limit orders.',
  INVALID_LOT: 'The auction lot is incomplete: check the title, prices, increment and times.',
  BID_TOO_LOW: 'Bid at least the start price, or the high bid plus the increment.',
  DUPLICATE_CLIENT_ORDER_ID: 'This order was already sent.',
  UNKNOWN_ORDER: 'This order is no longer open.',
  REPLACE_NOT_ALLOWED: 'This order cannot be changed; cancel it and place a new one.',
  INVALID_AMOUNT: 'Enter an amount greater than zero.',
  NOT_FOUND: 'Not found.',
  METHOD_NOT_ALLOWED: 'This action is not supported.',
  REQUEST_TOO_LARGE: 'The request is too large.',
  SYMBOL_LISTED: 'An instrument with this symbol is already listed.',
  INSUFFICIENT_BUYING_POWER: 'Not enough buying power for this order.',
  INSUFFICIENT_SHARES: 'You do not hold enough free shares to sell.',
  INSUFFICIENT_MARGIN: 'Not enough equity for the initial margin of this order.',
  MAX_POSITION_EXCEEDED: 'This order would exceed your maximum position in this instrument.',
  MAX_OPEN_ORDERS_EXCEEDED: 'You have too many open orders. Cancel some first.',
  ACCOUNT_HALTED: 'Your account is halted: you can only cancel orders.',
  ACCOUNT_REDUCING_ONLY: 'Your account may only reduce positions right now.',
  NOTIONAL_OVERFLOW: 'Price times quantity is too large.',
  INSUFFICIENT_POSITION: 'Your position is too small for this.',
  MARGIN_NOT_ALLOWED: 'Margin trading is not allowed on this instrument.',
  MAX_LOSS_EXCEEDED: 'The loss limit was reached: trading is stopped.',
  LOSS_COOLDOWN: 'Trading is paused after consecutive losses.',
  SPREAD_TOO_WIDE: 'The spread is too wide for a market order.',
  POST_ONLY_WOULD_CROSS: 'Post-only order would trade immediately, so it was not placed.',
  FOK_NOT_FILLABLE: 'Fill-or-kill order could not fill completely and was cancelled.',
  NO_LIQUIDITY: 'There is nothing to trade against on the other side.',
  SELF_TRADE_PREVENTED: 'The order would have traded with your own order.',
  INSTRUMENT_HALTED: 'Trading in this instrument is halted.',
  EXPIRED: 'The order expired.',
  IOC_REMAINDER: 'The unfilled rest of the immediate order was cancelled.',
  CANCELLED_BY_USER: 'Cancelled.',
  LIQUIDATION: 'Cancelled: your account is being liquidated.',
  AUCTION_NOT_RUNNING: 'This auction is not running.',
  OUTBID: 'Someone already bid this much or more. Bid higher.',
  SELF_OUTBID: 'You already hold the high bid.',
  AUCTION_HAS_BIDS: 'This auction has bids and cannot be cancelled.',
  RESERVE_NOT_MET: 'The auction closed without a sale: the reserve price was not met.',
  AUCTION_NOT_SCHEDULED: 'This auction is not scheduled, so it cannot be started.',
  UNAUTHENTICATED: 'Please sign in.',
  TOKEN_EXPIRED: 'Your session expired. Please sign in again.',
  TOKEN_INVALID: 'Your session is not valid. Please sign in again.',
  FORBIDDEN: 'Your role does not allow this.',
  RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  USERNAME_TAKEN: 'This username is taken.',
  ORIGIN_NOT_ALLOWED: 'This site is not allowed to connect.',
  INTERNAL_ERROR: 'Something went wrong on the server.',
  BUSY: 'The server is busy. Try again in a moment.',
  TIMEOUT: 'The request timed out. Check your open orders before sending again.',
  UNAVAILABLE: 'The service is unavailable. Trying to reconnect…',
  PERSISTENCE_FAILED: 'The request could not be stored. Try again.',
});

/// Every known wire code.
export const known_codes = Object.freeze(Object.keys(messages));

/// The player text for a wire code; a generic text with the code for an unknown one.
export function reason_text(code) {
  return messages[code] ?? `Request failed (${code ?? 'unknown error'}).`;
}

/// The player text followed by the wire code in brackets, for rejections a player may report:
/// "Not enough buying power for this order. [INSUFFICIENT_BUYING_POWER]".
export function reason_with_code(code) {
  const wire = code ?? 'INTERNAL_ERROR';
  return `${reason_text(wire)} [${wire}]`;
}

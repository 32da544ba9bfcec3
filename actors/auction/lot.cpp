#include "actors/auction/lot.hpp"

namespace bourse {

reason_code validate_lot(const lot_definition& lot) noexcept {
  const bool shares_ok =
      lot.kind == lot_kind::shares ? !lot.symbol.empty() && lot.qty > 0 : !lot.item_ref.empty();
  bool brackets_ok = true;
  cents previous = -1;
  for (const auto& b : lot.brackets) {
    brackets_ok = brackets_ok && b.from_price > previous && b.increment > 0;
    previous = b.from_price;
  }
  const bool ok = !lot.title.empty() && lot.increment > 0 && brackets_ok && lot.start_price > 0 &&
                  lot.reserve_price >= 0 && lot.duration_ns > 0 && lot.extension_window_ns >= 0 &&
                  lot.extension_ns > 0 && lot.scheduled_start >= 0 && shares_ok;
  return ok ? reason_code::none : reason_code::invalid_lot;
}

cents increment_at(const lot_definition& lot, cents high) noexcept {
  cents result = lot.increment;
  for (const auto& b : lot.brackets) {
    if (b.from_price > high)
      break;
    result = b.increment;
  }
  return result;
}

} // namespace bourse

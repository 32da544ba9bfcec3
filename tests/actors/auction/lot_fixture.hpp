#pragma once

#include "actors/auction/lot.hpp"

namespace bourse::test {

inline constexpr timestamp_ns t0 = 1'700'000'000'000'000'000; ///< an arbitrary UTC instant, ns
inline constexpr timestamp_ns second_ns = 1'000'000'000;
inline constexpr account_id auctioneer_id = 9;

/// 10 shares of LOT sold by the auctioneer: start 1,000, +100 below 5,000 and +500 from 5,000,
/// 5-minute duration, window and extension, manual start.
inline lot_definition sample_lot() {
  return lot_definition{.id = 42,
                        .title = "Yearling colt",
                        .description = "by Deep Impact",
                        .image_url = "https://example.invalid/colt.jpg",
                        .auctioneer = auctioneer_id,
                        .seller = auctioneer_id,
                        .kind = lot_kind::shares,
                        .symbol = "LOT",
                        .qty = 10,
                        .item_ref = {},
                        .start_price = 1'000,
                        .increment = 100,
                        .brackets = {{.from_price = 5'000, .increment = 500}}};
}

} // namespace bourse::test

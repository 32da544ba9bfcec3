#pragma once

#include "actors/account/margin.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace bourse::fuzz {

/// Stops the fuzzer with a crash report (libFuzzer saves the input) when a checked property fails.
inline void require(bool holds, const char* property) {
  if (holds)
    return;
  std::fprintf(stderr, "fuzz property failed: %s\n", property);
  std::abort();
}

/// The listings the targets decode against: ticks and lots that make OFF_TICK and OFF_LOT reachable,
/// and a symbol with a dot (channel names split on dots).
inline const instrument_table& instruments() {
  static const instrument_table table = [] {
    struct listing {
      const char* symbol;
      cents tick_size;
      quantity lot_size;
    };
    instrument_table t;
    for (auto [symbol, tick_size, lot_size] : {listing{"AAPL", 1, 1}, listing{"BOND", 5, 10},
                                               listing{"EURUSD", 25, 1000}, listing{"BRK.B", 1, 1}}) {
      instrument inst;
      inst.symbol = symbol;
      inst.tick_size = tick_size;
      inst.lot_size = lot_size;
      t.emplace(inst.symbol, inst);
    }
    return t;
  }();
  return table;
}

} // namespace bourse::fuzz

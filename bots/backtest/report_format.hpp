#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "bots/backtest/backtest_result.hpp"
#include "bots/backtest/metrics.hpp"

namespace bourse::bots {

/// The report as a JSON object (money in cents); a figure that is not finite (an infinite profit
/// factor, CAGR over a span of almost no time) becomes null, since JSON has no infinity.
boost::json::object to_json(const backtest_report& report);

/// The report as an aligned two-column text table for a terminal.
std::string to_table(const backtest_report& report);

/// An SVG line chart (width × height px) of equity in dollars over time, with min/max labels.
std::string equity_svg(const std::vector<equity_point>& equity, std::string_view title, int width = 900,
                       int height = 400);

} // namespace bourse::bots

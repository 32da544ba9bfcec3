#pragma once

#include <vector>

#include "actors/book/order_book.hpp"
#include "persistence/durable_records.hpp"

namespace bourse {

/// Executes one journaled command on `book`, appending its events to `events`; returns the order
/// id a submit got (0 for a rejection and for other kinds). The book actor and the replay both go
/// through here, so a replay runs exactly what the live book ran.
order_id execute(order_book& book, const book_command& command, std::vector<book_event>& events);

} // namespace bourse

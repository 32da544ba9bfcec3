#pragma once

#include <string_view>
#include <vector>

#include "actors/book/book_event.hpp"
#include "persistence/pg_connection.hpp"
#include "persistence/table_rows.hpp"

namespace bourse {

/// An empty batch for the book_events table, with the columns append_book_event fills.
table_rows make_book_event_rows();

/// Appends one event of `symbol`'s book. Ids and client_ref are stored bit for bit as BIGINT.
void append_book_event(table_rows& rows, std::string_view symbol, const book_event& event);

/// The events of `symbol` with seq > `after`, in sequence order (the accounts' recovery log),
/// streamed with COPY; persistence_failed on an unreadable row.
pg_expected<std::vector<book_event>> load_book_events(pg_connection& conn, std::string_view symbol,
                                                      sequence after);

} // namespace bourse

#include "persistence/book_journal.hpp"

namespace bourse {

order_id execute(order_book& book, const book_command& c, std::vector<book_event>& events) {
  switch (c.kind) {
  case book_command_kind::submit:
    return book.submit(c.request, c.time, events);
  case book_command_kind::cancel:
    book.cancel(c.id, c.requester, c.time, events);
    break;
  case book_command_kind::replace:
    book.replace(c.id, c.requester, c.price, c.qty, c.time, events);
    break;
  case book_command_kind::cancel_all:
    book.cancel_all(c.requester, c.time, c.reason, events);
    break;
  case book_command_kind::expire:
    book.expire_due(c.time, events);
    break;
  case book_command_kind::end_of_day:
    book.end_of_day(c.time, events);
    break;
  case book_command_kind::halt:
    book.set_halted(c.halted);
    break;
  case book_command_kind::reference:
    book.set_reference_price(c.price);
    break;
  }
  return 0;
}

} // namespace bourse

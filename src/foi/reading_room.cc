#include "foi/reading_room.h"

namespace gk::foi {

bool releases_information(Outcome o) { return o == Outcome::kDisclosed || o == Outcome::kPartiallyDisclosed; }

}  // namespace gk::foi

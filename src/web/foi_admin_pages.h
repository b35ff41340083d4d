// 依申请公开办理 in the back office: the queue, staff registration of paper/in-person/fax/e-mail
// applications, the case page with a form for each step the state machine allows (case_event.h) and
// the principal's roles permit, remedies, reply letters and the due-date calendar. Permission checks
// stay in FoiService; the pages only leave out forms the principal could not use.
//
//   GET  /admin/foi                       queue of open cases by due date (own department; city-wide
//                                         roles: all), ?state= filter; overdue rows red, due-soon amber,
//                                         each with its status in words
//   GET  /admin/foi/new                   registration form (channel + Art. 31 dates)
//   POST /admin/foi/new                   registers; the receipt page shows the query code once
//   GET  /admin/foi/calendar.ics          the open cases' due dates (foi/icalendar.h)
//   GET  /admin/foi/{id}                  the case; ?reveal=1 shows the applicant unmasked to roles
//                                         that may see it (the service audits the view)
//   POST /admin/foi/{id}/events           one step: type, version (optimistic), date, note and the
//                                         step's data; errors inline on that step's form
//   POST /admin/foi/{id}/remedies         add a 行政复议 / 行政诉讼
//   POST /admin/foi/{id}/remedies/{rid}   update one (version)
//   GET  /admin/foi/{id}/letter.pdf, letter.docx   the reply letter (from the draft reply on)
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_foi_queue(WebContext& ctx, http::Request& req);
http::Response admin_foi_new_form(WebContext& ctx, http::Request& req);
http::Response admin_foi_register(WebContext& ctx, http::Request& req);
http::Response admin_foi_calendar(WebContext& ctx, http::Request& req);
http::Response admin_foi_case(WebContext& ctx, http::Request& req);
http::Response admin_foi_event(WebContext& ctx, http::Request& req);
http::Response admin_foi_remedy_add(WebContext& ctx, http::Request& req);
http::Response admin_foi_remedy_update(WebContext& ctx, http::Request& req);
http::Response admin_foi_letter_pdf(WebContext& ctx, http::Request& req);
http::Response admin_foi_letter_docx(WebContext& ctx, http::Request& req);

}  // namespace gk::web

// 依申请公开 on the portal (条例 Arts. 27–31): the application form, the tracking page and the
// applicant's own cases. Every handler goes through FoiService (ctx.foi; 503 while it is missing).
//
//   GET  /foi/apply                 the form (works without JavaScript)
//   POST /foi/apply                 step=preview: the form again with similar requests already
//                                   answered (FoiService::similar_answered) and a confirm button;
//                                   step=submit: files it — field errors next to their fields with
//                                   everything typed kept, or the receipt page with the tracking
//                                   number, the query code (shown once) and the due date
//   GET  /foi/track                 tracking form (tracking number + query code)
//   POST /foi/track                 the case as the applicant sees it: state, public steps, the due
//                                   date with its derivation; a wrong code is one clear error (the
//                                   service throttles guessing: 429 page)
//   POST /foi/track/letter          the reply letter (format=pdf|docx) once replied
//   GET  /account/foi               the public account's cases
//   GET  /account/foi/{id}          one of them (the tracking view)
//   GET  /account/foi/{id}/letter.pdf, letter.docx
// The query code travels only in POST bodies, never in URLs (logs, history, Referer).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/pages.h"
#include "web/web_context.h"

namespace gk::web {

http::Response portal_foi_apply_form(WebContext& ctx, http::Request& req);
http::Response portal_foi_apply(WebContext& ctx, http::Request& req);
http::Response portal_foi_track_form(WebContext& ctx, http::Request& req);
http::Response portal_foi_track(WebContext& ctx, http::Request& req);
http::Response portal_foi_track_letter(WebContext& ctx, http::Request& req);
http::Response account_foi_cases(WebContext& ctx, http::Request& req);
http::Response account_foi_case(WebContext& ctx, http::Request& req);
http::Response account_foi_letter_pdf(WebContext& ctx, http::Request& req);
http::Response account_foi_letter_docx(WebContext& ctx, http::Request& req);

namespace foi_pages {

// The fields of the intake form (portal and staff registration) filled from `form` (nullptr: a
// blank form with defaults), with the department list and option lists; `staff` adds the channel
// and the Art. 31 dates. `default_department` preselects a department when the form has none.
View intake_form_view(WebContext& ctx, const Form* form, bool staff, DepartmentId default_department);
// The IntakeForm the service takes, from the posted fields. Unknown department codes stay empty
// (the service reports the field).
foi::IntakeForm intake_from(WebContext& ctx, const Form& form);

// A letter file response: PDF or DOCX with a download file name.
http::Response letter_response(std::string bytes, bool pdf, std::string_view tracking_number);

}  // namespace foi_pages
}  // namespace gk::web

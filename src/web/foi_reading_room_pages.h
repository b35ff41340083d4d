// The reading room (依申请公开阅览室) on the portal and in the back office, and conversions of
// repeatedly requested information to proactive disclosure (依申请公开转主动公开, 条例第四十四条).
// Every handler goes through ReadingRoomService (ctx.reading_room) or ConversionService
// (ctx.conversions) and answers 503 while the one it needs is missing. Permission checks stay in
// the services; the pages only leave out forms the principal could not use.
//
//   GET  /foi/reading-room                        live entries, newest first, 20 a page (?page=)
//   GET  /foi/reading-room/{id}                   one entry: title, organ, outcome, reply date and
//                                                 the released text (masked by the service;
//                                                 escaped here, one <p> per line)
//   GET  /admin/foi/{id}/reading-room             the publish form of case {id} (a case replied
//                                                 予以公开 / 部分公开), or its live entry with a
//                                                 withdraw form
//   POST /admin/foi/{id}/reading-room             publishes (title, body); field errors inline;
//                                                 303 back to the form page
//   POST /admin/foi/reading-room/{id}/withdraw    withdraws entry {id} (reason required, version);
//                                                 303 back to the case's form page
//   GET  /admin/foi/conversions                   suggested groups of requests for the same
//                                                 information with a convert form each, and the
//                                                 conversions done (each linking to its draft)
//   POST /admin/foi/conversions                   case_ids[] → ConversionService::convert; 303 to
//                                                 the draft /admin/documents/{id}; errors shown on
//                                                 the page
// POSTs are CSRF-checked by the visitor middleware like every other form.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

inline constexpr int kReadingRoomPerPage = 20;

http::Response portal_reading_room(WebContext& ctx, http::Request& req);
http::Response portal_reading_room_entry(WebContext& ctx, http::Request& req);
http::Response admin_reading_room_form(WebContext& ctx, http::Request& req);
http::Response admin_reading_room_publish(WebContext& ctx, http::Request& req);
http::Response admin_reading_room_withdraw(WebContext& ctx, http::Request& req);
http::Response admin_foi_conversions(WebContext& ctx, http::Request& req);
http::Response admin_foi_convert(WebContext& ctx, http::Request& req);

}  // namespace gk::web

/*
 * tinyyes.c — the amalgamation: the whole C core as one translation unit.
 *
 * setup.py, binding.gyp and the Makefile compile only this file for the
 * core, so the three builds can never drift apart and the compiler sees
 * every module at once. Because everything lands in one unit, file-local
 * statics carry their module's prefix (tpl_, js_, ...) and modules #undef
 * their private macros at file end.
 *
 * Adding a module is one line below, in dependency order: the toolkit
 * (common) first, then the value model, then what builds on them.
 */

/* The public functions are defined here: on Windows, TY_API exports them. */
#define TY_BUILDING 1

#include "src/version.c"
#include "src/common.c"
#include "src/civil.c"
#include "src/hours.c"
#include "src/value.c"
#include "src/schema.c"
#include "src/json.c"
#include "src/builder.c"
#include "src/text.c"
#include "src/template.c"
#include "src/locale_en.c"
#include "src/locale_es.c"
#include "src/rec_common.c"
#include "src/rec_number.c"
#include "src/rec_time.c"
#include "src/rec_date.c"
#include "src/rec_money.c"
#include "src/rec_yesno.c"
#include "src/rec_contact.c"
#include "src/rec_choice.c"
#include "src/recognize.c"
#include "src/judge_en.c"
#include "src/judge_es.c"
#include "src/judge.c"
#include "src/match_background_en.c"
#include "src/match_lexicon_en.c"
#include "src/match_lexicon_es.c"
#include "src/match.c"
#include "src/words_en.c"
#include "src/words_es.c"
#include "src/words.c"
#include "src/playbook.c"
#include "src/pb_load.c"
#include "src/pb_lang.c"
#include "src/pb_match.c"
#include "src/limits.c"
#include "src/show.c"
#include "src/flow_event.c"
#include "src/flow_state.c"
#include "src/state_text.c"
#include "src/flow_out.c"
#include "src/flow_render.c"
#include "src/flow_refusal.c"
#include "src/flow_read.c"
#include "src/flow_time.c"
#include "src/flow_implied.c"
#include "src/flow.c"
#include "src/flow_migrate.c"
#include "src/default_playbook.c"
#include "src/lint_en.c"
#include "src/lint.c"
#include "src/lint_reach.c"
#include "src/payload_clean.c"
#include "src/payload.c"
#include "src/inbound.c"
#include "src/signature.c"
#include "src/handover.c"
#include "src/metrics.c"
#include "src/audit_import.c"
#include "src/audit.c"
#include "src/audit_report.c"
#include "src/json_pretty.c"
#include "src/cli_text.c"
#include "src/lint_report.c"
#include "src/chat.c"

/*
 * rec_contact.c — e-mail addresses and phone numbers.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ---- email -------------------------------------------------------------- */

/* Length of the run of ASCII digits at byte k. */
static size_t rec_digit_run(const char *s, size_t len, size_t k) {
    size_t n = 0;
    while (k + n < len && ty_is_digit((unsigned char)s[k + n])) n++;
    return n;
}

/* The value of n (at most 4) ASCII digits. */
static int rec_small_int(const char *s, size_t n) {
    int v = 0;
    for (size_t k = 0; k < n && k < 4; k++) v = v * 10 + (s[k] - '0');
    return v;
}

/* A code point allowed in an address local part. */
static bool rec_email_local(int32_t cp) {
    if (cp < 0x80)
        return ty_is_alpha(cp) || ty_is_digit(cp) || cp == '.' || cp == '_' || cp == '%' || cp == '+' ||
               cp == '-' || cp == '\'';
    int cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* A code point allowed in an address domain. */
static bool rec_email_domain(int32_t cp) {
    if (cp < 0x80) return ty_is_alpha(cp) || ty_is_digit(cp) || cp == '.' || cp == '-';
    int cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) || cat == UTF8PROC_CATEGORY_ND;
}

/* The start of the code point that ends just before byte i. */
static size_t rec_prev_cp(const char *s, size_t i) {
    do i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* True for ideographs and kana: scripts written without spaces, so an
 * ASCII address right after them starts where they end ("地址test@x.com"). */
static bool rec_unspaced_script(int32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF);
}

/* The end of an IP-literal domain "[129.126.118.1]" opening at byte i, or 0. */
static size_t rec_email_ip(const char *s, size_t len, size_t i) {
    if (i >= len || s[i] != '[') return 0;
    size_t k = i + 1;
    for (int part = 0; part < 4; part++) {
        size_t n = rec_digit_run(s, len, k);
        if (n == 0 || n > 3 || rec_small_int(s + k, n) > 255) return 0;
        k += n;
        if (part < 3) {
            if (k >= len || s[k] != '.') return 0;
            k++;
        }
    }
    return k < len && s[k] == ']' ? k + 1 : 0;
}

/* An address around the '@' at byte at; [*b0, *b1) when valid. */
static bool rec_email_around(const char *s, size_t len, size_t at, size_t *b0, size_t *b1) {
    size_t l = at;
    bool ascii = true; /* the local part read so far */
    while (l > 0) {
        size_t p = rec_prev_cp(s, l);
        int32_t cp;
        ty_utf8_decode(s, len, p, &cp);
        if (!rec_email_local(cp) || (ascii && l < at && rec_unspaced_script(cp))) break;
        ascii = ascii && cp < 0x80;
        l = p;
    }
    size_t ip = rec_email_ip(s, len, at + 1);
    if (ip) {
        while (l < at && (s[l] == '.' || s[l] == '\'' || s[l] == '-')) l++;
        if (l == at || at - l > 64 || s[at - 1] == '.') return false;
        *b0 = l;
        *b1 = ip;
        return true;
    }
    while (l < at && (s[l] == '.' || s[l] == '\'' || s[l] == '-')) l++;
    size_t r = at + 1;
    while (r < len) {
        int32_t cp;
        int n = ty_utf8_decode(s, len, r, &cp);
        if (!rec_email_domain(cp)) break;
        r += (size_t)n;
    }
    while (r > at + 1 && (s[r - 1] == '.' || s[r - 1] == '-')) r--;
    if (l == at || at - l > 64 || r - at - 1 > 255) return false;
    /* labels: non-empty; at least two; a top-level label of 2+ letters */
    size_t dots = 0, label = 0, tld = 0;
    bool tld_alpha = true;
    for (size_t k = at + 1; k < r; k++) {
        if (s[k] == '.') {
            if (label == 0) return false;
            dots++;
            label = 0;
            tld = 0;
            tld_alpha = true;
            continue;
        }
        label++;
        tld++;
        if (ty_is_digit((unsigned char)s[k]) || s[k] == '-') tld_alpha = false;
    }
    if (!dots || label == 0 || tld < 2 || !tld_alpha) return false;
    if (s[at - 1] == '.') return false;
    *b0 = l;
    *b1 = r;
    return true;
}

/* email: the one address in the text, ASCII lower-cased. */
static ty_value *rec_read_email(rec_cx *c) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    bool have = false;
    size_t f0 = 0, f1 = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '@') continue;
        size_t b0, b1;
        if (!rec_email_around(s, len, i, &b0, &b1)) continue;
        if (have) {
            if (b1 - b0 != f1 - f0) return NULL;
            for (size_t k = 0; k < b1 - b0; k++)
                if (ty_lower((unsigned char)s[b0 + k]) != ty_lower((unsigned char)s[f0 + k])) return NULL;
        } else {
            have = true;
            f0 = b0;
            f1 = b1;
        }
        i = b1 - 1;
    }
    if (!have) return NULL;
    char *low = ty_arena_alloc(c->scratch, f1 - f0 + 1);
    if (!low) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    for (size_t k = f0; k < f1; k++) low[k - f0] = (char)ty_lower((unsigned char)s[k]);
    return rec_emit(c, rec_str(c, low, f1 - f0), f0, f1);
}

/* ---- phone -------------------------------------------------------------- */

enum { REC_PHONE_GROUPS = 12, REC_PHONE_DIGITS = 17 };

/* A phone-shaped run of digits: its bytes, digits and digit groups. */
typedef struct rec_phone {
    size_t b1, next;                     /* end of the last digit; where to scan on */
    char digits[REC_PHONE_DIGITS + 2];   /* the digits, NUL-terminated */
    size_t nd, ng;                       /* digits, groups */
    unsigned char glen[REC_PHONE_GROUPS]; /* digits of each group */
    char gsep[REC_PHONE_GROUPS];         /* separator before each group (0 none) */
    bool plus;
} rec_phone;

/* True when a numeric date (16/04/2010, 2026-12-03) or a clock time (12:37)
 * starts at byte k: it follows a phone number, it is not part of it. */
static bool rec_date_time_ahead(const char *s, size_t len, size_t k) {
    size_t a = rec_digit_run(s, len, k);
    if (a == 0 || k + a >= len) return false;
    char sep = s[k + a];
    if (sep == ':' && a <= 2) return rec_digit_run(s, len, k + a + 1) == 2;
    if (sep != '/' && sep != '-' && sep != '.') return false;
    size_t b = rec_digit_run(s, len, k + a + 1);
    if (b == 0 || b > 2 || k + a + 1 + b >= len || s[k + a + 1 + b] != sep) return false;
    size_t d = rec_digit_run(s, len, k + a + b + 2), e = k + a + b + 2 + d;
    if (e + 1 < len && s[e] == sep && ty_is_digit((unsigned char)s[e + 1])) return false; /* 12-34-56-78 */
    int x = rec_small_int(s + k, a), y = rec_small_int(s + k + a + 1, b), z = rec_small_int(s + k + a + b + 2, d);
    if (a <= 2 && (d == 2 || d == 4)) return x >= 1 && y >= 1 && ((x <= 31 && y <= 12) || (x <= 12 && y <= 31));
    return a == 4 && d >= 1 && d <= 2 && y >= 1 && y <= 12 && z >= 1 && z <= 31;
}

/* Opens a digit group (sep: the separator before it). */
static void rec_phone_group(rec_phone *p, char sep) {
    p->gsep[p->ng] = sep;
    p->glen[p->ng] = 0;
    p->ng++;
}

/* Scans digits and separators (space, - . / and one level of parentheses)
 * from byte i; false when the run cannot be a phone number. */
static bool rec_phone_scan(const char *s, size_t len, size_t i, rec_phone *p) {
    memset(p, 0, sizeof *p);
    size_t k = i;
    int depth = 0;
    p->plus = s[k] == '+' || (s[k] == '(' && k + 1 < len && s[k + 1] == '+');
    char sep = 0, prev = 0;
    bool in_digit = false, nested = false;
    for (; k < len; prev = s[k], k++) {
        char ch = s[k];
        if (ch == '+' && k == i + (s[i] == '(' ? 1u : 0u)) continue;
        if (ty_is_digit((unsigned char)ch)) {
            if (!in_digit) {
                if (p->ng == REC_PHONE_GROUPS) break;
                if (p->ng && prev == ' ' && rec_date_time_ahead(s, len, k)) break;
                rec_phone_group(p, sep);
                sep = 0;
            }
            if (p->nd < REC_PHONE_DIGITS) p->digits[p->nd] = ch;
            p->nd++;
            if (p->glen[p->ng - 1] < 255) p->glen[p->ng - 1]++;
            p->b1 = k + 1;
            in_digit = true;
            continue;
        }
        if (ch == '(') {
            nested |= depth != 0; /* "(456 (4)) 345": read on, then refuse */
            depth = 1;
        } else if (ch == ')') {
            if (depth) {
                depth = 0;
            } else if (p->ng == 1 && p->glen[0] <= 2 && !p->plus) {
                return p->next = k + 1, false; /* an item marker: "19) ..." */
            } else if (!p->ng) {
                break;
            }
        } else if (ch == ' ' || ch == '-' || ch == '.' || ch == '/') {
            if (ch == ' ' && prev == ' ') break;
        } else {
            break;
        }
        if (!sep || sep == '(' || sep == ')' || (sep == ' ' && ch != ' ')) sep = ch;
        in_digit = false;
    }
    p->next = p->b1 > i ? p->b1 : i + 1;
    p->digits[p->nd < REC_PHONE_DIGITS ? p->nd : REC_PHONE_DIGITS] = '\0';
    return p->nd > 0 && !nested;
}

/* True when the digit groups have the shape of something else: a decimal,
 * a numeric date, a span of years, a social security or a card number. */
static bool rec_phone_other_shape(const rec_phone *p) {
    const unsigned char *g = p->glen;
    if (p->ng == 2 && p->gsep[1] == '.') return true; /* 200.38294427 */
    if (p->ng == 3 && p->gsep[1] == p->gsep[2] && (p->gsep[1] == '-' || p->gsep[1] == '/' || p->gsep[1] == '.') &&
        ((g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4)) || (g[0] == 4 && g[1] <= 2 && g[2] <= 2)))
        return true; /* 16-04-2010, 2026-12-03 */
    if (p->ng == 2 && g[0] == 4 && g[1] == 4 && (p->gsep[1] == '/' || p->gsep[1] == '-') &&
        (memcmp(p->digits, "19", 2) == 0 || memcmp(p->digits, "20", 2) == 0) &&
        (memcmp(p->digits + 4, "19", 2) == 0 || memcmp(p->digits + 4, "20", 2) == 0))
        return true; /* 2009/2010 */
    if (p->ng == 3 && g[0] == 3 && g[1] == 2 && g[2] == 4 && p->gsep[1] == '-' && p->gsep[2] == '-')
        return true; /* 911-67-0060 */
    return !p->plus && p->nd >= 13 && p->ng >= 3 && g[0] == 4 && g[1] == 4 && g[2] == 4; /* a card */
}

/* True when what the run is written against before byte i makes it part
 * of something else: digits or a code glued on ("45*31-", "P0-001-",
 * "91a-"), a "#", a minus sign, a one-letter prefix ("E-151673398"). */
static bool rec_phone_glued_before(const char *s, size_t i) {
    size_t a = i;
    while (a > 0 && !ty_is_space((unsigned char)s[a - 1])) {
        if (i - a == 64) return true; /* written against a long code */
        a--;
    }
    if (a == i) return false;
    for (size_t k = a; k < i; k++)
        if (ty_is_digit((unsigned char)s[k])) return true;
    char last = s[i - 1];
    if (last == '#') return true;
    if (last != '-') return false;
    return i - a == 1 || (i - a == 2 && ty_is_alpha((unsigned char)s[a]));
}

/* True when what follows byte b1 glues the run to a word or formula. */
static bool rec_phone_glued_after(const char *s, size_t len, size_t b1) {
    if (b1 >= len) return false;
    char ch = s[b1];
    return ty_is_alpha((unsigned char)ch) || ch == '+' || ch == '*' || ch == '=' || ch == '%' || ch == '@' ||
           ch == '_';
}

/* The tokens [*t0, *t1) of the message inside bytes [b0, b1). */
static bool rec_byte_tokens(const rec_cx *c, size_t b0, size_t b1, size_t *t0, size_t *t1) {
    const ty_tokens *t = c->msg.t;
    size_t i = 0, hi = t->ntok; /* the first token starting at b0 or later */
    while (i < hi) {
        size_t mid = i + (hi - i) / 2;
        if (t->tok[mid].b_start < b0) i = mid + 1;
        else hi = mid;
    }
    size_t j = i;
    while (j < t->ntok && t->tok[j].b_end <= b1) j++;
    *t0 = i;
    *t1 = j;
    return j > i;
}

/* True when the words before token f label the number as something other
 * than a phone: "account number 1234", "card # 1234", and an abbreviation
 * with its full stop after a word that is no phone label ("OMB No. 0560"). */
static bool rec_phone_labelled_other(const rec_cx *c, size_t f) {
    const ty_tokens *t = c->msg.t;
    const ty_locale *L = c->loc;
    size_t j = f, links = 0;
    bool abbrev = false;
    if (j > 0 && rec_list_before(t, j, L->label_links) == 1) {
        const char *g;
        size_t gn;
        rec_gap(&c->msg, j, &g, &gn);
        if (gn && g[0] == '.') abbrev = true, j--, links++;
    }
    while (j > 0 && links < 3 && !rec_gap_cuts(&c->msg, j) && rec_list_before(t, j, L->label_links) == 1) j--, links++;
    if (j == 0 || rec_gap_cuts(&c->msg, j)) return false;
    if (rec_list_before(t, j, L->id_words)) return true;
    return abbrev && !rec_list_before(t, j, L->phone_words);
}

/* True when the reply denies the number in tokens [f, l): a negation right
 * before it ("not 555 1234"), or right after it or after one linking word
 * ("... doesn't look like one", "... is not my number") that is not
 * followed by another number. "555 1234 but don't call after 6" stands. */
static bool rec_phone_denied(const rec_cx *c, size_t f, size_t l) {
    const ty_tokens *t = c->msg.t;
    if (f > 0 && !rec_gap_cuts(&c->msg, f) && rec_list_before(t, f, c->loc->negations)) return true;
    for (size_t k = l; k < l + 2 && k < t->ntok && !rec_gap_cuts(&c->msg, k); k++) {
        size_t n = rec_list_at(t, k, c->loc->negations);
        if (n) return k + n >= t->ntok || t->tok[k + n].kind != TY_TOK_NUM;
        if (rec_list_at(t, k, c->loc->label_links) != 1) break;
    }
    return false;
}

/* True when a phone number may start at byte i (a digit, "(" or "+" not
 * glued to a word or number before it; "+" may follow letters: "is+45"). */
static bool rec_phone_start(const char *s, size_t len, size_t i) {
    char ch = s[i];
    bool plus = ch == '+' && i + 1 < len && (ty_is_digit((unsigned char)s[i + 1]) || s[i + 1] == '(');
    if (!plus && !ty_is_digit((unsigned char)ch) && ch != '(') return false;
    if (i == 0) return true;
    size_t p = rec_prev_cp(s, i);
    int32_t cp;
    ty_utf8_decode(s, len, p, &cp);
    if (cp >= 0x80) return utf8proc_category(cp) > UTF8PROC_CATEGORY_ME;
    if (plus) return !ty_is_digit(cp) && cp != ')' && cp != '+';
    return !(ty_is_alpha(cp) || ty_is_digit(cp) || cp == '+' || cp == '.' || cp == '/' || cp == '$' || cp == ',');
}

/* A phone number at byte i: false when the run is too short or long, has
 * another shape, is glued to something, or the reply labels or denies it. */
static bool rec_phone_at(const rec_cx *c, size_t i, rec_phone *p) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    if (!rec_phone_scan(s, len, i, p)) return false;
    bool intl = p->plus || (p->nd >= 2 && p->digits[0] == '0' && p->digits[1] == '0');
    if (p->nd < 7 || p->nd > (intl ? 16u : 15u)) return false;
    if (rec_phone_glued_before(s, i) || rec_phone_glued_after(s, len, p->b1) || rec_phone_other_shape(p))
        return false;
    if (!c->answer && !p->plus && p->nd < 9) return false; /* entities: clearly a phone number */
    size_t f, l;
    if (!rec_byte_tokens(c, i, p->b1, &f, &l)) return false;
    return !rec_phone_labelled_other(c, f) && !rec_phone_denied(c, f, l);
}

/* phone: the one number of 7-15 digits in the text (16 with "+" or "00"),
 * "+" kept. */
static ty_value *rec_read_phone(rec_cx *c) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    bool have = false;
    char first[REC_PHONE_DIGITS + 2], cur[REC_PHONE_DIGITS + 2];
    size_t fn = 0, f0 = 0, f1 = 0;
    for (size_t i = 0; i < len;) {
        if (!rec_phone_start(s, len, i)) {
            i++;
            continue;
        }
        rec_phone p;
        if (!rec_phone_at(c, i, &p)) {
            i = p.next > i ? p.next : i + 1;
            continue;
        }
        size_t vn = 0;
        if (p.plus) cur[vn++] = '+';
        memcpy(cur + vn, p.digits, p.nd);
        vn += p.nd;
        if (have && (vn != fn || memcmp(cur, first, vn) != 0)) return NULL;
        if (!have) {
            have = true;
            memcpy(first, cur, vn);
            fn = vn;
            f0 = i;
            f1 = p.b1;
        }
        i = p.b1;
    }
    if (!have) return NULL;
    return rec_emit(c, rec_str(c, first, fn), f0, f1);
}

/*
 * rec_contact.c — e-mail addresses and phone numbers.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ---- email -------------------------------------------------------------- */

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

/* An address around the '@' at byte at; [*b0, *b1) when valid. */
static bool rec_email_around(const char *s, size_t len, size_t at, size_t *b0, size_t *b1) {
    size_t l = at;
    while (l > 0) {
        size_t p = rec_prev_cp(s, l);
        int32_t cp;
        ty_utf8_decode(s, len, p, &cp);
        if (!rec_email_local(cp)) break;
        l = p;
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

/* Separators allowed between the digits of a phone number. */
static bool rec_phone_sep(char ch) { return ch == ' ' || ch == '-' || ch == '.' || ch == '(' || ch == ')'; }

/* A phone number starting at byte i: [*b0, *b1), its digits in digits. */
static bool rec_phone_at(const rec_cx *c, size_t i, size_t *b1, char *digits, size_t *nd, size_t *next) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    size_t k = i;
    bool plus = s[k] == '+' || (s[k] == '(' && k + 1 < len && s[k + 1] == '+');
    if (plus) k += s[k] == '+' ? 1 : 2;
    size_t n = 0, last = 0, dots = 0, seps = 0, groups = 0;
    bool in_digit = false;
    char prev = 0;
    while (k < len) {
        char ch = s[k];
        if (ty_is_digit((unsigned char)ch)) {
            if (n < 16) digits[n] = ch;
            n++;
            last = k + 1;
            if (!in_digit) groups++;
            in_digit = true;
        } else if (rec_phone_sep(ch)) {
            if (ch == ' ' && prev == ' ') break;
            if (ch == '.') dots++;
            if (ch != '(' && ch != ')') seps++;
            in_digit = false;
        } else {
            break;
        }
        prev = ch;
        k++;
    }
    *next = last > i ? last : i + 1;
    if (n < 7 || n > 15) return false;
    if (last < len && ty_is_alpha((unsigned char)s[last])) return false; /* "12345678x" */
    if (dots == 1 && seps == 1) return false;                               /* 1234.5678: a decimal */
    /* year-first dates are dates: 2026-12-03 */
    if (groups == 3 && n <= 8 && last - i == n + 2 && s[i + 4] == '-') return false;
    if (!c->answer && !plus && n < 9) return false; /* entities: clearly a phone number */
    *b1 = last;
    *nd = n;
    digits[n] = '\0';
    return true;
}

/* phone: the one number of 7-15 digits in the text, "+" kept. */
static ty_value *rec_read_phone(rec_cx *c) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    bool have = false;
    char first[20], cur[20];
    size_t fn = 0, f0 = 0, f1 = 0;
    for (size_t i = 0; i < len;) {
        char ch = s[i];
        bool start = ty_is_digit((unsigned char)ch) || ch == '(' ||
                     (ch == '+' && i + 1 < len && (ty_is_digit((unsigned char)s[i + 1]) || s[i + 1] == '('));
        if (start && i > 0) {
            size_t p = rec_prev_cp(s, i);
            int32_t cp;
            ty_utf8_decode(s, len, p, &cp);
            if (cp < 0x80 ? (ty_is_alpha(cp) || ty_is_digit(cp) || cp == '+' || cp == '.' || cp == '/' ||
                             cp == '$' || cp == ',')
                          : utf8proc_category(cp) <= UTF8PROC_CATEGORY_ME)
                start = false;
        }
        if (!start) {
            i++;
            continue;
        }
        size_t b1, n, next;
        bool plus = ch == '+' || (ch == '(' && i + 1 < len && s[i + 1] == '+');
        size_t b0 = i;
        if (!rec_phone_at(c, i, &b1, cur + 1, &n, &next)) {
            i = next;
            continue;
        }
        size_t vn = n;
        char *v = cur + 1;
        if (plus) {
            cur[0] = '+';
            v = cur;
            vn++;
        }
        if (have && (vn != fn || memcmp(v, first, vn) != 0)) return NULL;
        if (!have) {
            have = true;
            memcpy(first, v, vn);
            fn = vn;
            f0 = b0;
            f1 = b1;
        }
        i = b1;
    }
    if (!have) return NULL;
    return rec_emit(c, rec_str(c, first, fn), f0, f1);
}


# shuzhi: YAML content -> checked Markdown and GB/T 9704 PDF duty reports.
#   make            install missing Debian packages, build the generator,
#                   build every report under content/ into out/
#   make check      all tests; ends with "N passed, N failed"
#   make install PREFIX=/usr/local

PREFIX	?= /usr/local
CC	?= cc
BUILD	?= build
BIN	 = $(BUILD)/shuzhi

# Debian 12 packages: to build, to lay out reports (fonts), to test.
PKGS_BUILD = gcc make pkg-config libyaml-dev libhpdf-dev libpcre2-dev \
	     libcmark-gfm-dev libcmark-gfm-extensions-dev libharfbuzz-dev
PKGS_FONTS = fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei
PKGS_TEST  = cmark-gfm poppler-utils python3

PC_PKGS	 = yaml-0.1 libpcre2-8 libcmark-gfm harfbuzz harfbuzz-subset
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Igenerator \
	     -DSHUZHI_DATADIR=\"$(PREFIX)/share/shuzhi\" \
	     $(shell pkg-config --cflags $(PC_PKGS) 2>/dev/null)
LDLIBS	 = $(shell pkg-config --libs $(PC_PKGS) 2>/dev/null) \
	   -lcmark-gfm-extensions -lhpdf -lm
ifeq ($(SANITIZE),1)
BUILD	 = build/san
ALL_CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS	+= -fsanitize=address,undefined
endif

SRCS	 = $(shell find generator -name '*.c' | LC_ALL=C sort)
OBJS	 = $(SRCS:%.c=$(BUILD)/obj/%.o)
LIBOBJS	 = $(filter-out $(BUILD)/obj/generator/cli/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

YEARS	 = $(patsubst content/%/,%,$(wildcard content/*/))
REPORT_INPUTS = $(wildcard templates/*) $(wildcard fonts/*) $(wildcard rules/*.yaml)

all: reports

# --- Debian packages -------------------------------------------------------
# A stamp records that the packages were there; it is redone when this
# Makefile changes.  As root, missing packages are installed; otherwise the
# exact apt-get line is printed and make stops.
$(BUILD)/deps.stamp: Makefile
	@PKGS="$(PKGS_BUILD) $(PKGS_FONTS) $(if $(filter check bench valgrind,$(MAKECMDGOALS)),$(PKGS_TEST))" \
	  sh tests/deps.sh
	@mkdir -p $(@D) && touch $@
$(BUILD)/deps-test.stamp: Makefile
	@PKGS="$(PKGS_BUILD) $(PKGS_FONTS) $(PKGS_TEST)" sh tests/deps.sh
	@mkdir -p $(@D) && touch $@ $(BUILD)/deps.stamp
deps: $(BUILD)/deps.stamp

# --- The generator -----------------------------------------------------------
$(BIN): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: %.c | $(BUILD)/deps.stamp
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

-include $(OBJS:.o=.d)

# --- Reports: one rule per year under content/ -------------------------------
define year_rule
out/$(1)/report.pdf out/$(1)/report.md &: $(wildcard content/$(1)/*.yaml) $(REPORT_INPUTS) $(BIN)
	$(BIN) build content/$(1) -o out/$(1)
endef
$(foreach y,$(YEARS),$(eval $(call year_rule,$(y))))

reports: $(BIN) $(foreach y,$(YEARS),out/$(y)/report.pdf)

# --- Tests --------------------------------------------------------------------
check: $(BUILD)/deps-test.stamp
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BINS)
	@SHUZHI=$(BIN) BUILD=$(BUILD) python3 tests/run.py

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/shuzhi

clean:
	rm -rf build out

.PHONY: all reports deps check install clean
.DELETE_ON_ERROR:

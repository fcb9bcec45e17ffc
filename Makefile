# shuzhi: YAML content -> checked Markdown and GB/T 9704 PDF duty reports.
#   make            install missing Debian packages, build the generator,
#                   build every report under content/ into out/
#   make check      all tests; ends with "N passed, N failed"
#   make install PREFIX=/usr/local
# One short line a step (V=1 shows the commands); every core is used
# unless -j is given.

PREFIX	?= /usr/local
CC	?= cc
BUILD	?= build
BIN	 = $(BUILD)/shuzhi
IMPORT_BIN = $(dir $(BIN))shuzhi-import
DOCX_BIN = $(dir $(BIN))shuzhi-docx

# (not in a sub-make, which shares its parent's jobs)
ifeq ($(MAKELEVEL)$(filter -j%,$(MAKEFLAGS)),0)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

# Debian 12 packages: to build, to lay out reports (fonts), to test.
PKGS_BUILD = gcc make pkg-config libyaml-dev libhpdf-dev libpcre2-dev \
	     libcmark-gfm-dev libcmark-gfm-extensions-dev libharfbuzz-dev \
	     libzip-dev libxml2-dev libdeflate-dev libfontconfig-dev libicu-dev
PKGS_FONTS = fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei \
	     fonts-lxgw-wenkai
PKGS_TEST  = cmark-gfm poppler-utils python3 python3-jsonschema python3-yaml mandoc time \
	     python3-docx libreoffice-writer-nogui qpdf mupdf-tools fonts-cantarell
PKGS_FUZZ  = clang libclang-rt-14-dev
PKGS_MEMCHECK = valgrind

PC_PKGS	 = yaml-0.1 libpcre2-8 libcmark-gfm harfbuzz harfbuzz-subset libdeflate fontconfig icu-uc
# Reading and writing .docx only: linked into shuzhi-import and shuzhi-docx
# alone (see generator/cli/helper.c).
PC_IMPORT = libzip libxml-2.0
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Igenerator \
	     -DSHUZHI_DATADIR=\"$(PREFIX)/share/shuzhi\" \
	     -DSHUZHI_LIBEXECDIR=\"$(PREFIX)/libexec/shuzhi\" \
	     $(shell pkg-config --cflags $(PC_PKGS) $(PC_IMPORT) 2>/dev/null)
LDLIBS_CORE = $(shell pkg-config --libs $(PC_PKGS) 2>/dev/null) \
	   -lcmark-gfm-extensions -lhpdf -lm
LDLIBS	 = $(LDLIBS_CORE) $(shell pkg-config --libs $(PC_IMPORT) 2>/dev/null)
ifeq ($(SANITIZE),1)
BUILD	 = build/san
ALL_CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS	+= -fsanitize=address,undefined
endif

SRCS	 = $(shell find generator -name '*.c' | LC_ALL=C sort)
OBJS	 = $(SRCS:%.c=$(BUILD)/obj/%.o)
MAINS	 = $(BUILD)/obj/generator/cli/main.o $(BUILD)/obj/generator/cli/main_import.o \
	   $(BUILD)/obj/generator/cli/main_docx.o
LIBOBJS	 = $(filter-out $(MAINS),$(OBJS))
# shuzhi without `import` and `docx`, which it runs as shuzhi-import and shuzhi-docx
IMPORT_OBJS = $(filter $(BUILD)/obj/generator/import/% %/cli/cmd_import.o,$(OBJS))
EXPORT_OBJS = $(filter $(BUILD)/obj/generator/export/% %/cli/cmd_docx.o,$(OBJS))
CORE_OBJS = $(filter-out $(IMPORT_OBJS) $(EXPORT_OBJS) $(MAINS),$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

# The reports, make new, watch, diff, git-setup, schema: as in a report
# repository of one's own (shuzhi init), with the shuzhi built here.
SHUZHI	 = $(BIN)
SHUZHI_DEP = $(BIN) $(DOCX_BIN)
include report.mk
reports: $(BIN)

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
# (main*.o through $(OBJS): none where there are no sources, as in a copy for make diff)
$(BIN): $(CORE_OBJS) $(filter %/cli/main.o,$(OBJS)) | $(IMPORT_BIN) $(DOCX_BIN)
	$(call step,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE)

$(IMPORT_BIN): $(CORE_OBJS) $(IMPORT_OBJS) $(filter %/cli/main_import.o,$(OBJS))
	$(call step,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(DOCX_BIN): $(CORE_OBJS) $(EXPORT_OBJS) $(filter %/cli/main_docx.o,$(OBJS))
	$(call step,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c | $(BUILD)/deps.stamp
	@mkdir -p $(@D)
	$(call step,CC,$<)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The self-check build (make check runs it over the golden reports): shuzhi
# with the line breaker's cross-checks on (-DSHUZHI_SELFCHECK, linebreak.c).
SELFCHECK_BIN = $(BUILD)/selfcheck/shuzhi
SELFCHECK_OBJ = $(BUILD)/selfcheck/obj/generator/typeset/linebreak.o
$(SELFCHECK_BIN): $(filter-out %/typeset/linebreak.o,$(CORE_OBJS)) $(SELFCHECK_OBJ) \
		  $(filter %/cli/main.o,$(OBJS))
	$(call step,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE)

$(SELFCHECK_OBJ): generator/typeset/linebreak.c | $(BUILD)/deps.stamp
	@mkdir -p $(@D)
	$(call step,CC,$< -DSHUZHI_SELFCHECK)$(CC) $(ALL_CFLAGS) -DSHUZHI_SELFCHECK -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/tap.h $(LIBOBJS)
	@mkdir -p $(@D)
	$(call step,LD,$@)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

-include $(OBJS:.o=.d) $(SELFCHECK_OBJ:.o=.d)

# --- Tests --------------------------------------------------------------------
check: $(BUILD)/deps-test.stamp
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BINS) $(FUZZ_REPLAY) $(SELFCHECK_BIN)
	@SHUZHI=$(BIN) BUILD=$(BUILD) SHUZHI_SELFCHECK_BIN=$(SELFCHECK_BIN) python3 tests/run.py

# The golden lines (tests/golden_lines.py) written afresh from this build: read the diff, commit.
golden: $(BIN)
	@SHUZHI=$(BIN) SHUZHI_GOLDEN=1 python3 tests/run.py golden_lines

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/shuzhi/templates $(DESTDIR)$(PREFIX)/share/shuzhi/fonts \
	    $(DESTDIR)$(PREFIX)/share/shuzhi/rules $(DESTDIR)$(PREFIX)/libexec/shuzhi
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/shuzhi
	install -m 755 $(IMPORT_BIN) $(DESTDIR)$(PREFIX)/libexec/shuzhi/shuzhi-import
	install -m 755 $(DOCX_BIN) $(DESTDIR)$(PREFIX)/libexec/shuzhi/shuzhi-docx
	install -m 644 shuzhi.1 $(DESTDIR)$(PREFIX)/share/man/man1/shuzhi.1
	install -m 644 templates/* $(DESTDIR)$(PREFIX)/share/shuzhi/templates/
	install -m 644 fonts/fonts.yaml $(DESTDIR)$(PREFIX)/share/shuzhi/fonts/fonts.yaml
	install -m 644 content.schema.json report.mk .gitattributes $(DESTDIR)$(PREFIX)/share/shuzhi/
	for f in rules/*.yaml; do [ ! -e "$$f" ] || \
	    install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/shuzhi/rules/ || exit 1; done
	@# The sample year that shuzhi init and shuzhi new start from.
	for y in $(YEARS); do install -d $(DESTDIR)$(PREFIX)/share/shuzhi/content/$$y && \
	    install -m 644 content/$$y/*.yaml $(DESTDIR)$(PREFIX)/share/shuzhi/content/$$y/ || exit 1; done

# --- Writing and reviewing ------------------------------------------------------
# make new, watch, diff, git-setup and schema are in report.mk, the same in a
# report repository of one's own.

# --- Speed and size ------------------------------------------------------------------
#   make bench   the 2020 report and ones 10, 50 and 500 times as long, beside
#                Typst when it is installed (TYPST=/path/to/typst), make -j2
#                over 100 copies, the diff and rules benchmarks, the rules on
#                tests/rules/labelled.tsv beside zhlint and autocorrect when
#                installed (npm install --prefix build/lint zhlint autocorrect-node);
#                the results go into BENCHMARKS.md (python3 tests/bench.py --help)
BENCH_RULES = $(if $(wildcard tests/bench_rules.c),$(BUILD)/bench_rules)
$(BUILD)/bench_rules: tests/bench_rules.c $(LIBOBJS)
	$(call step,LD,$@)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

bench: $(BUILD)/deps-test.stamp
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_RULES)
	@BUILD=$(BUILD) python3 tests/bench.py $(BIN) --write BENCHMARKS.md

# --- Hostile input: memory checks and fuzzing -------------------------------------
#   make check SANITIZE=1   every test with AddressSanitizer + UBSan (build/san)
#   make valgrind           the 2020 build and the bad-input suite under memcheck
#   make fuzz FUZZ_SECONDS=N  each libFuzzer harness of tests/fuzz/ for N seconds
#                           (clang; corpora kept in build/fuzz/corpus/, crashes
#                           in build/fuzz/crash/: copy them to tests/fuzz/regress/)
# make check replays tests/fuzz/regress/<harness>/ with the harnesses linked
# to a plain main (tests/fuzz/replay.c), so it needs no clang.
FUZZ_NAMES  = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/fuzz_%)
FUZZ_SECONDS ?= 60
FUZZ_CC	   ?= clang
FUZZ_DIR    = build/fuzz
FUZZ_FLAGS  = -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
	      -fsanitize=address,undefined -fno-sanitize-recover=all \
	      -Igenerator -Itests/fuzz $(shell pkg-config --cflags $(PC_PKGS) $(PC_IMPORT) 2>/dev/null)
FUZZ_OBJS   = $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(filter-out generator/cli/main.c generator/cli/main_import.c generator/cli/main_docx.c,$(SRCS)) tests/fuzz/fuzz.c)
# SHUZHI_NO_JIT: PCRE2's JIT reads past a subject's end in 16-byte steps
# (within the page; harmless), which memcheck would report.
VALGRIND    = env SHUZHI_NO_JIT=1 valgrind -q --error-exitcode=1 --leak-check=full \
	      --errors-for-leak-kinds=definite,indirect --suppressions=tests/valgrind.supp

$(BUILD)/fuzz-replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIBOBJS)
	@mkdir -p $(@D)
	$(call step,LD,$@)$(CC) $(ALL_CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $< tests/fuzz/fuzz.c tests/fuzz/replay.c $(LIBOBJS) $(LDLIBS)

$(FUZZ_DIR)/deps.stamp: Makefile
	@PKGS="$(PKGS_BUILD) $(PKGS_FONTS) $(PKGS_FUZZ)" sh tests/deps.sh
	@mkdir -p $(@D) && touch $@

$(FUZZ_DIR)/obj/%.o: %.c | $(FUZZ_DIR)/deps.stamp
	@mkdir -p $(@D)
	$(call step,CC,$<)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	$(call step,LD,$@)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

-include $(FUZZ_OBJS:.o=.d)

fuzz-build: $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)

fuzz: fuzz-build
	@python3 tests/fuzz/run.py --seconds $(FUZZ_SECONDS) $(FUZZ_NAMES)

$(BUILD)/deps-valgrind.stamp: Makefile
	@PKGS="$(PKGS_BUILD) $(PKGS_FONTS) $(PKGS_TEST) $(PKGS_MEMCHECK)" sh tests/deps.sh
	@mkdir -p $(@D) && touch $@

valgrind: $(BUILD)/deps-valgrind.stamp
	@$(MAKE) --no-print-directory $(BIN)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  echo "valgrind: shuzhi build content/2020" && \
	  $(VALGRIND) $(BIN) build content/2020 -o "$$tmp/2020" && \
	  SHUZHI=$(BIN) BUILD=$(BUILD) SHUZHI_WRAP="$(VALGRIND)" python3 tests/run.py bad_input

clean:
	rm -rf build out

.PHONY: deps check golden install clean bench fuzz fuzz-build valgrind
.DELETE_ON_ERROR:

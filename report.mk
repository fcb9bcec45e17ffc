# report.mk: make the reports of a report repository (content/<year>/ in,
# out/<year>/ out) with the shuzhi that SHUZHI names.  shuzhi's own
# Makefile includes it; `shuzhi init` copies it into the Makefile of a
# report repository of one's own.
#   make                  every year's out/<year>/report.md, .pdf and .docx
#   make check-content    check every year against the rules
#   make new YEAR=2022    start content/2022 from the latest year before it
#                         (--keep-text: KEEP=1)
#   make watch YEAR=2022  rebuild out/2022 whenever its content is saved
#   make diff             compare the working tree with HEAD for every year
#                         whose content changed: out/<year>/diff/
#   make git-setup        once per clone: "git diff --word-diff" on content/
#                         and out/*.md shows a sentence's changed characters
#   make schema           write content.schema.json for the editor
#   V=1                   show the commands, not one line a step

SHUZHI	?= shuzhi
# Reports are made again when shuzhi itself changes.
SHUZHI_DEP ?= $(wildcard $(SHUZHI))

ifeq ($(V),1)
Q	 =
step	 =
else
Q	 = @
step	 = @printf '  %-6s %s\n' '$(1)' '$(2)';
endif

YEARS	 = $(patsubst content/%/,%,$(wildcard content/*/))
LATEST	 = $(lastword $(sort $(YEARS)))
REPORT_INPUTS = $(wildcard templates/* fonts/* rules/*.yaml)

all: reports

# One rule per year.  shuzhi build replaces the files only when every
# step succeeded (temporary files, then renames), so make must never
# delete them when it fails: they are the last good report.
define year_rule
out/$(1)/report.pdf out/$(1)/report.md out/$(1)/report.docx &: $(wildcard content/$(1)/*.yaml) $(REPORT_INPUTS) $(SHUZHI_DEP)
	$$(call step,REPORT,out/$(1)/report.pdf)$(SHUZHI) build content/$(1) -o out/$(1)
endef
$(foreach y,$(YEARS),$(eval $(call year_rule,$(y))))
.PRECIOUS: $(foreach y,$(YEARS),out/$(y)/report.pdf out/$(y)/report.md out/$(y)/report.docx)

reports: $(foreach y,$(YEARS),out/$(y)/report.pdf out/$(y)/report.docx)

check-content: $(SHUZHI_DEP)
	$(Q)for y in $(YEARS); do $(SHUZHI) check content/$$y || exit $$?; done

new: $(SHUZHI_DEP)
	@test -n "$(YEAR)" || { echo "用法：make new YEAR=2022（KEEP=1 保留去年的正文）" >&2; exit 2; }
	$(SHUZHI) new $(YEAR) $(if $(KEEP),--keep-text)

watch: $(SHUZHI_DEP)
	$(SHUZHI) watch content/$(or $(YEAR),$(LATEST)) -o out/$(or $(YEAR),$(LATEST))

schema: $(SHUZHI_DEP)
	$(SHUZHI) schema -o content.schema.json

# One word for git diff --word-diff: a number, a Latin word, one UTF-8
# character (bytes, so that it works in any locale), or any other byte.
CJK_WORDS = [0-9]+([.,][0-9]+)*|[A-Za-z_][A-Za-z0-9_]*|[\300-\337][\200-\277]|[\340-\357][\200-\277][\200-\277]|[\360-\367][\200-\277][\200-\277][\200-\277]|[^[:space:]]
CJK_FUNCS = ^(title: .*|  - (id|lead): .*|\#{1,6} .*)$$

diff: $(SHUZHI_DEP)
	@if ! git rev-parse -q --verify HEAD >/dev/null; then \
	    echo "还没有提交，没有可比较的版本"; exit 0; fi; \
	years=$$(git status --porcelain -- content | \
	    sed -n 's|^...\(.* -> \)\{0,1\}\(.*/\)\{0,1\}content/\([^/]*\)/.*|\3|p' | sort -u); \
	[ -n "$$years" ] || { echo "content/ 与 HEAD 相比没有改动"; exit 0; }; \
	for y in $$years; do \
	    if [ ! -d content/$$y ]; then echo "content/$$y 已删除，不比较"; continue; fi; \
	    if ! git cat-file -e HEAD:./content/$$y 2>/dev/null; then \
	        echo "content/$$y 是新加的，HEAD 中没有，不比较"; continue; fi; \
	    echo "== content/$$y"; \
	    $(SHUZHI) diff HEAD:./content/$$y content/$$y -o out/$$y/diff || exit $$?; \
	done

git-setup:
	git config --local diff.cjk.wordRegex "$$(printf '$(CJK_WORDS)')"
	git config --local diff.cjk.xfuncname '$(CJK_FUNCS)'
	@echo "已设置：git diff --word-diff 按字显示 content/ 和 out/ 中中文的改动"

.PHONY: all reports check-content new watch schema diff git-setup

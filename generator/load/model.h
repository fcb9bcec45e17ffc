/*
 * model.h: the document model of a report, loaded from a content folder
 * (content/<year>/report.yaml and the section files it lists).  Every text
 * is the value node it came from, so its file:line:col stays at hand.
 */
#ifndef SHUZHI_MODEL_H
#define SHUZHI_MODEL_H

#include <stddef.h>

#include "value.h"

/* An item of a section: 一是 + bold lead + body. */
struct item {
	const struct value	*id;	/* optional stable identity (for diffs) */
	const struct value	*lead;	/* the bold lead sentence */
	const struct value	*body;	/* the text after it; may use {{facts}} */
	const struct value	*facts;	/* optional map of named facts */
};

/* A section (一、) or a subsection ((一), 1., (1)). */
struct section {
	const struct value	*id;
	const struct value	*title;
	const struct value	*run_in;	/* text run on after the title, same paragraph */
	const struct value	**paras;	/* paragraphs before the items */
	size_t			 nparas;
	struct item		*items;
	size_t			 nitems;
	struct section		*subs;
	size_t			 nsubs;
	const char		*file;		/* the file it was read from */
	int			 level;		/* 1 for 一、 ... 4 for (1) */
};

/* An attachment (附件), printed on pages of its own after the report. */
struct attachment {
	const struct value	*entry;		/* its map in report.yaml */
	const struct value	*title;
	const struct value	**paras;	/* its text, each paragraph as written */
	size_t			 nparas;
};

struct report {
	char			*dir;
	struct value_doc	**docs;		/* owned: report.yaml and section files */
	size_t			 ndocs;
	const struct value	*unit;
	const struct value	*year;
	const struct value	*topic;
	const struct value	*title;
	const struct value	*subtitle;	/* the line under the title (——...) */
	const struct value	*byline;	/* the author line under it */
	const struct value	*addressee;
	const struct value	*signature;
	const struct value	*date;
	const struct value	*disable;	/* rule ids the check leaves out */
	const struct value	**opening;
	size_t			 nopening;
	const struct value	**closing;
	size_t			 nclosing;
	const struct value	**appendix;	/* 附件 lines, after the closing */
	size_t			 nappendix;
	struct attachment	*attachments;	/* 附件 themselves, after the date */
	size_t			 nattachments;
	struct section		*sections;
	size_t			 nsections;
	char			**files;	/* every content file read, in order */
	size_t			 nfiles;
	struct model_name	*byname;	/* files by name, for model_file_index() */
};

struct model_name {
	const char	*name;
	size_t		 i;
};

#define MODEL_MAX_LEVEL	4
/* All the files of a content folder together, read at most (each: VALUE_MAX_FILE). */
#define MODEL_MAX_BYTES	(32u * 1024 * 1024)

/* Load a content folder; errors and warnings go to the sink.  NULL on error. */
struct report	*model_load(struct diag *, const char *dir);
/* The index of file path in files and docs, or nfiles (no scan: thousands of files). */
size_t		 model_file_index(const struct report *, const char *path);
void		 model_free(struct report *);

/*
 * The schema of the content files, one table the loader, the JSON Schema
 * and the documentation all read.
 */
enum field_type {
	FIELD_TEXT,	/* one line of text */
	FIELD_YEAR,	/* a four-digit year */
	FIELD_DATE,	/* 2020-12-30 or 2020年12月30日 */
	FIELD_ID,	/* letters, digits, - and _ */
	FIELD_PARAS,	/* a text or a list of texts, one paragraph each */
	FIELD_FILES,	/* a list of file names in the same folder */
	FIELD_NAMES,	/* a list of names (rule ids) */
	FIELD_FACTS,	/* a map of name -> text or number */
	FIELD_LIST,	/* a list of maps described by sub */
};

#define FIELD_REQUIRED	0x1

struct field {
	const char		*key;
	enum field_type		 type;
	unsigned		 flags;
	const char		*desc;	/* for authors, in Chinese */
	const struct field	*sub;	/* FIELD_LIST: the fields of each entry */
};

extern const struct field model_report_fields[];
extern const struct field model_section_fields[];
extern const struct field model_item_fields[];
extern const struct field model_attachment_fields[];

#endif

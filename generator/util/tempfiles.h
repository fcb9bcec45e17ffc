/*
 * tempfiles.h: temporary files and folders removed when the process is
 * interrupted (SIGINT, SIGTERM, SIGHUP), so that Ctrl-C in the middle of
 * writing leaves nothing half-made beside the outputs.
 */
#ifndef SHUZHI_TEMPFILES_H
#define SHUZHI_TEMPFILES_H

/*
 * Remove these on the signals, then die of the signal as before.  Called
 * once, first thing in main(); a command with its own handlers (watch)
 * replaces them.
 */
void	 tempfiles_on_signals(void);
/*
 * Remember path for removal; returns a handle for tempfiles_forget(), or
 * -1 when the fixed table is full or path too long (then it is not
 * removed on a signal, as before).
 */
int	 tempfiles_add(const char *path);
/* The same for a folder of our own: the files in it are removed, then it. */
int	 tempfiles_add_folder(const char *path);
/*
 * mkostemp() and mkdtemp() on a name already in the table, so that no
 * instant passes between the file's being made and its being known:
 * tmpl ends in XXXXXX and gets the name made.  Return the descriptor (or
 * 0 for the folder) and set *handle, or -1 (errno set) with nothing made.
 */
int	 tempfiles_mkstemp(char *tmpl, int *handle);
int	 tempfiles_mkdtemp(char *tmpl, int *handle);
/* The path is renamed or removed: forget it (-1 is ignored). */
void	 tempfiles_forget(int handle);

#endif

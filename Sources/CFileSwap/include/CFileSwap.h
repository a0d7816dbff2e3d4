#ifndef CFILESWAP_H
#define CFILESWAP_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set (ENOSYS/EINVAL where the file system cannot).
int qc_exchange_paths(const char *a, const char *b);

/// Flushes the file system holding `path` to disk (Linux syncfs): one call for a whole new
/// site instead of one fsync per file. Returns 0 on success, -1 with errno set.
int qc_sync_file_system(const char *path);

/// Reads directory entries of the open folder `fd` into `buffer` as Linux `struct
/// linux_dirent64` records (getdents64): a folder listed without the `fstat` and the
/// allocation `opendir` makes. Returns the bytes read, 0 at the end, -1 with errno set.
long qc_read_directory(int fd, void *buffer, unsigned long size);

/// Closes every descriptor numbered at or past the soft limit on open files (one a parent
/// left open before the limit was lowered). Foundation's `Process` names every descriptor up to
/// the highest open one to be closed in the child, and refuses one past the limit with EBADF,
/// so while such a descriptor is open no child process can be started. Returns 0, or -1 with
/// errno set.
int qc_close_descriptors_past_limit(void);

/// The type of the file system holding `path` (Linux statfs's f_type, such as 0xEF53 for
/// ext2/3/4); 0 where it cannot be told.
unsigned long qc_file_system_type(const char *path);

/// The flag that has `open` write past the page cache (Linux O_DIRECT); 0 where there is none.
int qc_direct_flag(void);

#endif

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif
#include "CFileSwap.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int qc_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int qc_sync_file_system(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return -1;
#if defined(__linux__)
    int result = syncfs(fd);
#else
    sync();
    int result = 0;
#endif
    close(fd);
    return result;
}

long qc_read_directory(int fd, void *buffer, unsigned long size) {
#if defined(__linux__) && defined(SYS_getdents64)
    return syscall(SYS_getdents64, fd, buffer, size);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <dirent.h>
#include <stdlib.h>
#include <sys/resource.h>

int qc_close_descriptors_past_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > (rlim_t)0x7fffffff) return 0;
    unsigned int first = (unsigned int)limit.rlim_cur;
#if defined(__linux__) && defined(SYS_close_range)
    if (syscall(SYS_close_range, first, ~0U, 0) == 0) return 0;
#endif
    /* Kernels before 5.9: the open descriptors as /proc lists them, closed once listed, in
       rounds until a listing finds none. */
    int count, rounds = 0;
    do {
        DIR *folder = opendir("/proc/self/fd");
        if (folder == NULL) return -1;
        int listing = dirfd(folder);
        int found[256];
        count = 0;
        struct dirent *entry;
        while ((entry = readdir(folder)) != NULL && count < 256) {
            char *end;
            long fd = strtol(entry->d_name, &end, 10);
            if (*end == '\0' && end != entry->d_name && fd != listing && fd >= (long)first) found[count++] = (int)fd;
        }
        closedir(folder);
        for (int i = 0; i < count; i++) close(found[i]);
    } while (count > 0 && ++rounds < 64);
    return 0;
}

unsigned long qc_file_system_type(const char *path) {
#if defined(__linux__)
    struct statfs system;
    if (statfs(path, &system) != 0) return 0;
    return (unsigned long)system.f_type;
#else
    (void)path;
    return 0;
#endif
}

int qc_direct_flag(void) {
#if defined(O_DIRECT)
    return O_DIRECT;
#else
    return 0;
#endif
}

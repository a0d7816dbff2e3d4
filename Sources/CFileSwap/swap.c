#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
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

int qc_copy_file(const char *from, const char *to) {
    int source = open(from, O_RDONLY | O_CLOEXEC);
    if (source < 0) return -1;
    int target = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (target < 0) {
        int saved = errno;
        close(source);
        errno = saved;
        return -1;
    }
    int result = 0;
    int kernel = 1;
    char buffer[1 << 16];
    for (;;) {
        ssize_t copied;
#if defined(__linux__)
        if (kernel) {
            copied = copy_file_range(source, NULL, target, NULL, 1 << 30, 0);
            if (copied < 0 && (errno == ENOSYS || errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP)) {
                kernel = 0;  /* nothing was copied: read and write from where the two files are */
                continue;
            }
        } else
#endif
        {
            copied = read(source, buffer, sizeof buffer);
            for (ssize_t done = 0; copied > 0 && done < copied;) {
                ssize_t written = write(target, buffer + done, (size_t)(copied - done));
                if (written < 0) {
                    if (errno == EINTR) continue;
                    copied = -1;
                    break;
                }
                done += written;
            }
        }
        if (copied == 0) break;
        if (copied < 0) {
            if (errno == EINTR) continue;
            result = -1;
            break;
        }
    }
    int saved = errno;
    if (close(target) != 0 && result == 0) {
        result = -1;
        saved = errno;
    }
    close(source);
    errno = saved;
    return result;
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

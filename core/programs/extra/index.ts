/** Importing this module registers the extra everyday programs (diff, cmp, module tools, mke2fs…). */
import './diff/diff.js';
import './diff/cmp.js';
import './modules/tools.js';
import './mkfs/mke2fs.js';
import './mkfs/losetup.js';
import './attrs.js';
import './users/su.js';
import './users/passwd.js';
import './users/useradd.js';
import './users/sessions.js';
import './gzip/gzip.js';
import './sha1sum.js';
import './file.js';
import './dmesg.js';
import './sysctl.js';
import './power.js';

/** Importing this module registers the file and filesystem programs with the program registry. */
import './ls.js';
import './copy.js';
import './rm.js';
import './dirs.js';
import './touch-ln.js';
import './misc.js';
import './chmod.js';
import './stat.js';
import './du-df.js';
import './find.js';
import './system.js';
import './tar.js';
import './cpio.js';
import './rsync.js';

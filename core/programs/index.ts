/** Importing this module registers every built-in program. */
import '../shell/bash.js';
import './daemons/daemons.js';
import './text/index.js';
import './files/index.js';
import './net/index.js';
import './system/index.js';
import './packages/index.js';
import './extra/index.js';
import './vserver/manage/index.js';
import './vserver-fs/index.js';
import './vserver/vnamespace.js';
import './vserver/context/index.js';
import './vserver/monitor/index.js';
import './vserver/vpackages.js';

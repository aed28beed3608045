/**
 * /etc/init.d/vprocunhide, one of the seed's "3 scripts de démarrage": util-vserver's
 * sysv/vprocunhide (0.30.210) in the Red Hat style of the host's other scripts. `start` prints
 * `Fixing /proc entries visibility...` and the `[  OK  ]` column; `status` answers from the lock
 * file. Deliberate difference: the original finds the program through util-vserver-vars and
 * first asks `vserver-info - FEATURE iattr`; this one names the program directly.
 */
import type { FsLayout } from '../../world/layout.js';
import { chkconfigHeader } from '../../world/presets/init-scripts.js';
import { VPROCUNHIDE_PATH } from './vprocunhide.js';

export const VPROCUNHIDE_INIT_SCRIPT = `#!/bin/bash
#
# vprocunhide  sets vserver related attributes for /proc
#
# chkconfig: 2345 26 74
# description: Makes some /proc entries visibly for vservers

_VPROCUNHIDE=${VPROCUNHIDE_PATH}

f=/etc/rc.d/init.d/functions
if test -e "$f"; then
    . "$f"
    lockfile=/var/lock/subsys/vprocunhide
else
    success() { echo .; }
    passed()  { echo .; }
    failure() { echo ERROR; }
    lockfile=/var/run/vprocunhide
fi


function start()
{
    echo -n $"Fixing /proc entries visibility..."
    $_VPROCUNHIDE
    retval=$?
    case "$retval" in
	0)	success;;
	2)	passed; retval=0;;
	*)	failure;
    esac
    echo
    test "$retval" -ne 0 || touch "$lockfile"
    return $retval
}

function stop()
{
    rm -f "$lockfile"
}

function restart()
{
    stop
    start
}

case "$1" in
    start|stop|restart)	$1;;
    reload)		;;
    condrestart)
	test -f $lockfile && restart || :
	;;
    status)
	test -f $lockfile && {
	    echo $"/proc entries were fixed"
	    exit 0
	}
	echo $"/proc entries are not fixed"
	exit 1
	;;
    *)
        echo "Usage: $0 {start|stop|reload|restart|condrestart|status}"
	exit 2
	;;
esac
`;

/**
 * The script and its runlevel links (on in 2345 at S26, K74 elsewhere), to merge into the host's
 * layout beside hostServicesLayout(). The lock file comes from vprocunhideAtBoot().
 */
export function vprocunhideInitLayout(): FsLayout {
  const layout: FsLayout = { '/etc/rc.d/init.d/vprocunhide': { content: VPROCUNHIDE_INIT_SCRIPT, perm: 0o755 } };
  const header = chkconfigHeader(VPROCUNHIDE_INIT_SCRIPT)!;
  const two = (n: number) => String(n).padStart(2, '0');
  for (let level = 0; level <= 6; level++) {
    const link = header.levels.includes(String(level)) ? `S${two(header.start)}vprocunhide` : `K${two(header.stop)}vprocunhide`;
    layout[`/etc/rc.d/rc${level}.d/${link}`] = { symlink: '../init.d/vprocunhide' };
  }
  return layout;
}

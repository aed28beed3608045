/**
 * Service scripts of the emulated systems, written as shell scripts our bash runs: Red Hat's
 * /etc/rc.d/init.d (functions with daemon/killproc/status and the `[  OK  ]` column of
 * initscripts 7.93, RHEL 4's sshd, httpd, mysqld, crond, syslog and network scripts) and
 * Debian's /etc/init.d (sarge's plain echo style, etch's lsb-base log_daemon_msg style).
 *
 * The scripts follow the originals closely. Deliberate differences, all for processes we do not
 * emulate: no mysqld_safe, apachectl or ifup (the daemons are started directly), `action` runs
 * its command itself as RHEL 5 does, and status() looks at the pid file before pidof.
 */
import type { FsLayout } from '../layout.js';

// ----- Red Hat ------------------------------------------------------------------------------

export const REDHAT_FUNCTIONS = `# -*-Shell-script-*-
#
# functions	This file contains functions to be used by most or all
#		shell scripts in the /etc/init.d directory.
#

TEXTDOMAIN=initscripts

# Make sure umask is sane
umask 022

# Set up a default search path.
PATH="/sbin:/usr/sbin:/bin:/usr/bin:/usr/X11R6/bin"
export PATH

# Get a sane screen width
[ -z "\${COLUMNS:-}" ] && COLUMNS=80

[ -z "\${CONSOLETYPE:-}" ] && CONSOLETYPE="\`/sbin/consoletype\`"

# Read in our configuration
if [ -z "\${BOOTUP:-}" ]; then
  if [ -f /etc/sysconfig/init ]; then
      . /etc/sysconfig/init
  else
    # This all seem confusing? Look in /etc/sysconfig/init,
    # or in /usr/doc/initscripts-*/sysconfig.txt
    BOOTUP=color
    RES_COL=60
    MOVE_TO_COL="echo -en \\\\033[\${RES_COL}G"
    SETCOLOR_SUCCESS="echo -en \\\\033[1;32m"
    SETCOLOR_FAILURE="echo -en \\\\033[1;31m"
    SETCOLOR_WARNING="echo -en \\\\033[1;33m"
    SETCOLOR_NORMAL="echo -en \\\\033[0;39m"
    LOGLEVEL=1
  fi
  if [ "$CONSOLETYPE" = "serial" ]; then
      BOOTUP=serial
      MOVE_TO_COL=
      SETCOLOR_SUCCESS=
      SETCOLOR_FAILURE=
      SETCOLOR_WARNING=
      SETCOLOR_NORMAL=
  fi
fi

if [ "\${BOOTUP:-}" != "verbose" ]; then
   INITLOG_ARGS="-q"
else
   INITLOG_ARGS=
fi

# Check if $pid (could be plural) are running
checkpid() {
	local i

	for i in $* ; do
		[ -d "/proc/$i" ] && return 0
	done
	return 1
}


# A function to start a program.
daemon() {
	# Test syntax.
	local gotbase= force=
	local base= user= nice= bg= pid=
	nicelevel=0
	while [ "$1" != "\${1##[-+]}" ]; do
	  case $1 in
	    '')    echo $"$0: Usage: daemon [+/-nicelevel] {program}"
	           return 1;;
	    --check)
		   base=$2
		   gotbase="yes"
		   shift 2
		   ;;
	    --check=?*)
	    	   base=\${1#--check=}
		   gotbase="yes"
		   shift
		   ;;
	    --user)
		   user=$2
		   shift 2
		   ;;
	    --user=?*)
	           user=\${1#--user=}
		   shift
		   ;;
	    --force)
	    	   force="force"
		   shift
		   ;;
	    [-+][0-9]*)
	    	   nice="nice -n $1"
	           shift
		   ;;
	    *)     echo $"$0: Usage: daemon [+/-nicelevel] {program}"
	           return 1;;
	  esac
	done

        # Save basename.
        [ -z "$gotbase" ] && base=\${1##*/}

        # See if it's already running. Look *only* at the pid file.
	if [ -f /var/run/\${base}.pid ]; then
		local line p
		read line < /var/run/\${base}.pid
		for p in $line ; do
			[ -z "\${p//[0-9]/}" -a -d "/proc/$p" ] && pid="$pid $p"
		done
	fi

	[ -n "\${pid:-}" -a -z "\${force:-}" ] && return

	# make sure it doesn't core dump anywhere unless requested
	ulimit -S -c \${DAEMON_COREFILE_LIMIT:-0} >/dev/null 2>&1

	# if they set NICELEVEL in /etc/sysconfig/foo, honor it
	[ -n "$NICELEVEL" ] && nice="nice -n $NICELEVEL"

	# Echo daemon
        [ "\${BOOTUP:-}" = "verbose" -a -z "$LSB" ] && echo -n " $base"

	# And start it up.
	if [ -z "$user" ]; then
	   $nice initlog $INITLOG_ARGS -c "$*"
	else
	   $nice initlog $INITLOG_ARGS -c "runuser -s /bin/bash - $user -c \\"$*\\""
	fi
	[ "$?" -eq 0 ] && success $"$base startup" || failure $"$base startup"
}

# A function to stop a program.
killproc() {
	RC=0
	# Test syntax.
	if [ "$#" -eq 0 ]; then
		echo $"Usage: killproc {program} [signal]"
		return 1
	fi

	notset=0
	# check for second arg to be kill level
	if [ -n "$2" ]; then
		killlevel=$2
	else
		notset=1
		killlevel="-9"
	fi

        # Save basename.
        base=\${1##*/}

        # Find pid.
	pid=
	if [ -f /var/run/\${base}.pid ]; then
		local line p
		read line < /var/run/\${base}.pid
		for p in $line ; do
			[ -z "\${p//[0-9]/}" -a -d "/proc/$p" ] && pid="$pid $p"
		done
	fi
	if [ -z "$pid" ]; then
		pid=\`pidof -o $$ -o $PPID -o %PPID -x $1 2>/dev/null || \\
			pidof -o $$ -o $PPID -o %PPID -x $base 2>/dev/null\`
	fi

        # Kill it.
        if [ -n "\${pid:-}" ] ; then
                [ "$BOOTUP" = "verbose" -a -z "$LSB" ] && echo -n "$base "
		if [ "$notset" -eq "1" ] ; then
		       if checkpid $pid 2>&1; then
			   # TERM first, then KILL if not dead
			   kill -TERM $pid >/dev/null 2>&1
			   usleep 100000
			   if checkpid $pid && sleep 1 &&
			      checkpid $pid && sleep 3 &&
			      checkpid $pid ; then
                                kill -KILL $pid >/dev/null 2>&1
				usleep 100000
			   fi
		        fi
			checkpid $pid
			RC=$?
			[ "$RC" -eq 0 ] && failure $"$base shutdown" || success $"$base shutdown"
			RC=$((! $RC))
		# use specified level only
		else
		        if checkpid $pid; then
	                	kill $killlevel $pid >/dev/null 2>&1
				RC=$?
				[ "$RC" -eq 0 ] && success $"$base $killlevel" || failure $"$base $killlevel"
			fi
		fi
	else
	    failure $"$base shutdown"
	    RC=1
	fi

        # Remove pid file if any.
	if [ "$notset" = "1" ]; then
            rm -f /var/run/$base.pid
	fi
	return $RC
}

# A function to find the pid of a program. Looks *only* at the pidfile
pidfileofproc() {
	local base=\${1##*/}

	# Test syntax.
	if [ "$#" = 0 ] ; then
		echo $"Usage: pidfileofproc {program}"
		return 1
	fi

	# First try "/var/run/*.pid" files
	if [ -f /var/run/$base.pid ] ; then
	        local line p pid=
		read line < /var/run/$base.pid
		for p in $line ; do
		       [ -z "\${p//[0-9]/}" -a -d /proc/$p ] && pid="$pid $p"
		done
	        if [ -n "$pid" ]; then
	                echo $pid
	                return 0
	        fi
	fi
}

# A function to find the pid of a program.
pidofproc() {
	base=\${1##*/}

	# Test syntax.
	if [ "$#" = 0 ] ; then
		echo $"Usage: pidofproc {program}"
		return 1
	fi

	# First try "/var/run/*.pid" files
	if [ -f /var/run/$base.pid ] ; then
	        local line p pid=
		read line < /var/run/$base.pid
		for p in $line ; do
		       [ -z "\${p//[0-9]/}" -a -d /proc/$p ] && pid="$pid $p"
		done
	        if [ -n "$pid" ]; then
	                echo $pid
	                return 0
	        fi
	fi
	pidof -o $$ -o $PPID -o %PPID -x $1 2>/dev/null || \\
		pidof -o $$ -o $PPID -o %PPID -x $base 2>/dev/null
}

status() {
	local base pid pid_file=

	# Test syntax.
	if [ "$#" = 0 ] ; then
		echo $"Usage: status [-p pidfile] {program}"
		return 1
	fi
	if [ "$1" = "-p" ]; then
		pid_file=$2
		shift 2
	fi
	base=\${1##*/}
	[ -z "$pid_file" ] && pid_file=/var/run/\${base}.pid

	# First try the pid file
	if [ -f "$pid_file" ] ; then
	        local line p
		read line < "$pid_file"
		for p in $line ; do
		       [ -z "\${p//[0-9]/}" -a -d /proc/$p ] && pid="$pid $p"
		done
	fi
	pid=\${pid# }
	# Then "pidof"
	if [ -z "$pid" ]; then
		pid=\`pidof -o $$ -o $PPID -o %PPID -x $1 2>/dev/null || \\
		     pidof -o $$ -o $PPID -o %PPID -x \${base} 2>/dev/null\`
	fi
	if [ -n "$pid" ]; then
	        echo $"\${base} (pid $pid) is running..."
	        return 0
	fi

	# Next try "/var/run/*.pid" files
	if [ -f "$pid_file" ] ; then
	        read pid < "$pid_file"
	        if [ -n "$pid" ]; then
	                echo $"\${base} dead but pid file exists"
	                return 1
	        fi
	fi
	# See if /var/lock/subsys/\${base} exists
	if [ -f /var/lock/subsys/\${base} ]; then
		echo $"\${base} dead but subsys locked"
		return 2
	fi
	echo $"\${base} is stopped"
	return 3
}

echo_success() {
  [ "$BOOTUP" = "color" ] && $MOVE_TO_COL
  echo -n "["
  [ "$BOOTUP" = "color" ] && $SETCOLOR_SUCCESS
  echo -n $"  OK  "
  [ "$BOOTUP" = "color" ] && $SETCOLOR_NORMAL
  echo -n "]"
  echo -ne "\\r"
  return 0
}

echo_failure() {
  [ "$BOOTUP" = "color" ] && $MOVE_TO_COL
  echo -n "["
  [ "$BOOTUP" = "color" ] && $SETCOLOR_FAILURE
  echo -n $"FAILED"
  [ "$BOOTUP" = "color" ] && $SETCOLOR_NORMAL
  echo -n "]"
  echo -ne "\\r"
  return 1
}

echo_passed() {
  [ "$BOOTUP" = "color" ] && $MOVE_TO_COL
  echo -n "["
  [ "$BOOTUP" = "color" ] && $SETCOLOR_WARNING
  echo -n $"PASSED"
  [ "$BOOTUP" = "color" ] && $SETCOLOR_NORMAL
  echo -n "]"
  echo -ne "\\r"
  return 1
}

echo_warning() {
  [ "$BOOTUP" = "color" ] && $MOVE_TO_COL
  echo -n "["
  [ "$BOOTUP" = "color" ] && $SETCOLOR_WARNING
  echo -n $"WARNING"
  [ "$BOOTUP" = "color" ] && $SETCOLOR_NORMAL
  echo -n "]"
  echo -ne "\\r"
  return 1
}

# Log that something succeeded
success() {
  if [ -z "\${IN_INITLOG:-}" ]; then
     initlog $INITLOG_ARGS -n $0 -s "$1" -e 1
  fi
  [ "$BOOTUP" != "verbose" -a -z "$LSB" ] && echo_success
  return 0
}

# Log that something failed
failure() {
  rc=$?
  if [ -z "\${IN_INITLOG:-}" ]; then
     initlog $INITLOG_ARGS -n $0 -s "$1" -e 2
  fi
  [ "$BOOTUP" != "verbose" -a -z "$LSB" ] && echo_failure
  return $rc
}

# Log that something passed, but may have had errors. Useful for fsck
passed() {
  rc=$?
  if [ -z "\${IN_INITLOG:-}" ]; then
     initlog $INITLOG_ARGS -n $0 -s "$1" -e 1
  fi
  [ "$BOOTUP" != "verbose" -a -z "$LSB" ] && echo_passed
  return $rc
}

# Log a warning
warning() {
  rc=$?
  if [ -z "\${IN_INITLOG:-}" ]; then
     initlog $INITLOG_ARGS -n $0 -s "$1" -e 1
  fi
  [ "$BOOTUP" != "verbose" -a -z "$LSB" ] && echo_warning
  return $rc
}

# Run some action. Log its output.
action() {
  STRING=$1
  echo -n "$STRING "
  shift
  "$@" && success $"$STRING" || failure $"$STRING"
  rc=$?
  echo
  return $rc
}

# Confirm whether we really want to run this service
confirm() {
  while : ; do
      echo -n $"Start service $1 (Y)es/(N)o/(C)ontinue? [Y] "
      read answer
      case $answer in
        y|Y|"")
          return 0
        ;;
        c|C)
          return 2
        ;;
        n|N)
          return 1
        ;;
      esac
  done
}
`;

export const REDHAT_SYSCONFIG_INIT = `# color => new RH6.0 bootup
# verbose => old-style bootup
# anything else => new style bootup without ANSI colors or positioning
BOOTUP=color
# column to start "[  OK  ]" label in
RES_COL=60
# terminal sequence to move to that column. You could change this
# to something like "tput hpa \${RES_COL}" if your terminal supports it
MOVE_TO_COL="echo -en \\\\033[\${RES_COL}G"
# terminal sequence to set color to a 'success' color (currently: green)
SETCOLOR_SUCCESS="echo -en \\\\033[0;32m"
# terminal sequence to set color to a 'failure' color (currently: red)
SETCOLOR_FAILURE="echo -en \\\\033[0;31m"
# terminal sequence to set color to a 'warning' color (currently: yellow)
SETCOLOR_WARNING="echo -en \\\\033[0;33m"
# terminal sequence to reset to the default color.
SETCOLOR_NORMAL="echo -en \\\\033[0;39m"
# default kernel loglevel on boot (syslog will reset this)
LOGLEVEL=3
# Set to something other than 'no' to turn on magic sysrq keys...
MAGIC_SYSRQ=no
# Set to anything other than 'no' to allow hotkey interactive startup...
PROMPT=yes
`;

const SSHD = `#!/bin/bash
#
# Init file for OpenSSH server daemon
#
# chkconfig: 2345 55 25
# description: OpenSSH server daemon
#
# processname: sshd
# config: /etc/ssh/ssh_host_key
# config: /etc/ssh/ssh_host_key.pub
# config: /etc/ssh/ssh_random_seed
# config: /etc/ssh/sshd_config
# pidfile: /var/run/sshd.pid

# source function library
. /etc/rc.d/init.d/functions

# pull in sysconfig settings
[ -f /etc/sysconfig/sshd ] && . /etc/sysconfig/sshd

RETVAL=0
prog="sshd"

# Some functions to make the below more readable
SSHD=/usr/sbin/sshd
PID_FILE=/var/run/sshd.pid

start()
{
	echo -n $"Starting $prog:"
	if [ -n "\`pidfileofproc $SSHD\`" ] ; then
		# The running server holds port 22: a second one cannot bind it.
		failure $"$prog startup"
	else
		initlog -c "$SSHD $OPTIONS" && success || failure
	fi
	RETVAL=$?
	[ "$RETVAL" = 0 ] && touch /var/lock/subsys/sshd
	echo
}

stop()
{
	echo -n $"Stopping $prog:"
	killproc $SSHD -TERM
	RETVAL=$?
	[ "$RETVAL" = 0 ] && rm -f /var/lock/subsys/sshd
	echo
}

reload()
{
	echo -n $"Reloading $prog:"
	killproc $SSHD -HUP
	RETVAL=$?
	echo
}

case "$1" in
	start)
		start
		;;
	stop)
		stop
		;;
	restart)
		stop
		start
		;;
	reload)
		reload
		;;
	condrestart)
		if [ -f /var/lock/subsys/sshd ] ; then
			stop
			# avoid race
			sleep 3
			start
		fi
		;;
	status)
		status $SSHD
		RETVAL=$?
		;;
	*)
		echo $"Usage: $0 {start|stop|restart|reload|condrestart|status}"
		RETVAL=1
esac
exit $RETVAL
`;

const HTTPD = `#!/bin/bash
#
# Startup script for the Apache Web Server
#
# chkconfig: - 85 15
# description: Apache is a World Wide Web server.  It is used to serve \\
#	       HTML files and CGI.
# processname: httpd
# pidfile: /var/run/httpd.pid
# config: /etc/httpd/conf/httpd.conf

# Source function library.
. /etc/rc.d/init.d/functions

if [ -f /etc/sysconfig/httpd ]; then
        . /etc/sysconfig/httpd
fi

# Start httpd in the C locale by default.
HTTPD_LANG=\${HTTPD_LANG-"C"}

# This will prevent initlog from swallowing up a pass-phrase prompt if
# mod_ssl needs a pass-phrase from the user.
INITLOG_ARGS=""

# Path to the apachectl script, server binary, and short-form for messages.
apachectl=/usr/sbin/apachectl
httpd=\${HTTPD-/usr/sbin/httpd}
prog=httpd
pidfile=\${PIDFILE-/var/run/httpd.pid}
lockfile=\${LOCKFILE-/var/lock/subsys/httpd}
RETVAL=0

start() {
        echo -n $"Starting $prog: "
        LANG=$HTTPD_LANG daemon $httpd $OPTIONS
        RETVAL=$?
        echo
        [ $RETVAL = 0 ] && touch \${lockfile}
        return $RETVAL
}

stop() {
	echo -n $"Stopping $prog: "
	killproc $httpd
	RETVAL=$?
	echo
	[ $RETVAL = 0 ] && rm -f \${lockfile} \${pidfile}
}

reload() {
	echo -n $"Reloading $prog: "
	killproc $httpd -HUP
	RETVAL=$?
	echo
}

# See how we were called.
case "$1" in
  start)
	start
	;;
  stop)
	stop
	;;
  status)
        status $httpd
	RETVAL=$?
	;;
  restart)
	stop
	start
	;;
  condrestart)
	if [ -f \${pidfile} ] ; then
		stop
		start
	fi
	;;
  reload)
        reload
	;;
  *)
	echo $"Usage: $prog {start|stop|restart|condrestart|reload|status|fullstatus|graceful|help|configtest}"
	exit 1
esac

exit $RETVAL
`;

const MYSQLD = `#!/bin/bash
#
# mysqld	This shell script takes care of starting and stopping
#		the MySQL subsystem (mysqld).
#
# chkconfig: - 64 36
# description:	MySQL database server.
# processname: mysqld
# config: /etc/my.cnf
# pidfile: /var/run/mysqld/mysqld.pid

# Source function library.
. /etc/rc.d/init.d/functions

# Source networking configuration.
. /etc/sysconfig/network


prog="MySQL"

datadir=/var/lib/mysql
socketfile="$datadir/mysql.sock"
errlogfile=/var/log/mysqld.log
mypidfile=/var/run/mysqld/mysqld.pid

start(){
	touch "$errlogfile"
	chown mysql:mysql "$errlogfile"
	chmod 0640 "$errlogfile"
	if status -p "$mypidfile" mysqld >/dev/null 2>&1; then
	    # The running server holds the socket and port 3306: the new one gives up.
	    action $"Starting $prog: " false
	    return 1
	fi
	/usr/libexec/mysqld --basedir=/usr --datadir="$datadir" --user=mysql \\
		--pid-file="$mypidfile" --socket="$socketfile" >/dev/null 2>&1
	ret=$?
	if [ $ret -eq 0 ]; then
	    action $"Starting $prog: " true
	else
	    action $"Starting $prog: " false
	fi
	[ $ret -eq 0 ] && touch /var/lock/subsys/mysqld
	return $ret
}

stop(){
        MYSQLPID=\`cat "$mypidfile"  2>/dev/null \`
        if [ -n "$MYSQLPID" ]; then
            kill "$MYSQLPID" >/dev/null 2>&1
            ret=$?
            if [ $ret -eq 0 ]; then
                usleep 100000
                rm -f /var/lock/subsys/mysqld
                rm -f "$socketfile"
                action $"Stopping $prog: " true
            else
                action $"Stopping $prog: " false
            fi
        else
            ret=1
            action $"Stopping $prog: " false
        fi
        return $ret
}

restart(){
    stop
    start
}

condrestart(){
    [ -e /var/lock/subsys/mysqld ] && restart || :
}

# See how we were called.
case "$1" in
  start)
    start
    ;;
  stop)
    stop
    ;;
  status)
    status -p "$mypidfile" mysqld
    ;;
  restart)
    restart
    ;;
  condrestart)
    condrestart
    ;;
  *)
    echo $"Usage: $0 {start|stop|status|condrestart|restart}"
    exit 1
esac

exit $?
`;

const CROND = `#! /bin/bash
#
# crond          Start/Stop the cron clock daemon.
#
# chkconfig: 2345 90 60
# description: cron is a standard UNIX program that runs user-specified \\
#              programs at periodic scheduled times. vixie cron adds a \\
#              number of features to the basic UNIX cron, including better \\
#              security and more powerful configuration options.
# processname: crond
# config: /etc/crontab
# pidfile: /var/run/crond.pid

# Source function library.
. /etc/init.d/functions

RETVAL=0

# See how we were called.

prog="crond"

start() {
	echo -n $"Starting $prog: "
	if [ -e /var/lock/subsys/crond ]; then
	    if [ -e /var/run/crond.pid ] && [ -e /proc/\`cat /var/run/crond.pid\` ]; then
		echo -n $"cannot start crond: crond is already running.";
		failure $"cannot start crond: crond already running.";
		echo
		return 1
	    fi
	fi
	daemon crond
	RETVAL=$?
	echo
	[ $RETVAL -eq 0 ] && touch /var/lock/subsys/crond;
	return $RETVAL
}

stop() {
	echo -n $"Stopping $prog: "
	if [ ! -e /var/lock/subsys/crond ]; then
	    echo -n $"cannot stop crond: crond is not running."
	    failure $"cannot stop crond: crond is not running."
	    echo
	    return 1;
	fi
	killproc crond
	RETVAL=$?
	echo
	[ $RETVAL -eq 0 ] && rm -f /var/lock/subsys/crond;
	return $RETVAL
}

rhstatus() {
	status crond
}

restart() {
  	stop
	start
}

reload() {
	echo -n $"Reloading cron daemon configuration: "
	killproc crond -HUP
	RETVAL=$?
	echo
	return $RETVAL
}

case "$1" in
  start)
  	start
	;;
  stop)
  	stop
	;;
  restart)
  	restart
	;;
  reload)
  	reload
	;;
  status)
  	rhstatus
	;;
  condrestart)
  	[ -f /var/lock/subsys/crond ] && restart || :
	;;
  *)
	echo $"Usage: $0 {start|stop|status|reload|restart|condrestart}"
	exit 1
esac

exit $?
`;

const SYSLOG = `#!/bin/bash
#
# syslog        Starts syslogd/klogd.
#
#
# chkconfig: 2345 12 88
# description: Syslog is the facility by which many daemons use to log \\
# messages to various system log files.  It is a good idea to always \\
# run syslog.
### BEGIN INIT INFO
# Provides: $syslog
### END INIT INFO

# Source function library.
. /etc/init.d/functions

[ -f /sbin/syslogd ] || exit 0
[ -f /sbin/klogd ] || exit 0

# Source config
if [ -f /etc/sysconfig/syslog ] ; then
	. /etc/sysconfig/syslog
else
	SYSLOGD_OPTIONS="-m 0"
	KLOGD_OPTIONS="-2"
fi

RETVAL=0

umask 077

start() {
 	echo -n $"Starting system logger: "
	daemon syslogd $SYSLOGD_OPTIONS
	RETVAL=$?
	echo
	echo -n $"Starting kernel logger: "
	daemon klogd $KLOGD_OPTIONS
	echo
	[ $RETVAL -eq 0 ] && touch /var/lock/subsys/syslog
	return $RETVAL
}
stop() {
	echo -n $"Shutting down kernel logger: "
	killproc klogd
	echo
	echo -n $"Shutting down system logger: "
	killproc syslogd
	RETVAL=$?
	echo
	[ $RETVAL -eq 0 ] && rm -f /var/lock/subsys/syslog
	return $RETVAL
}
rhstatus() {
	status syslogd
	status klogd
}
restart() {
	stop
	start
}

case "$1" in
  start)
  	start
	;;
  stop)
  	stop
	;;
  status)
  	rhstatus
	;;
  restart|reload)
  	restart
	;;
  condrestart)
  	[ -f /var/lock/subsys/syslog ] && restart || :
	;;
  *)
	echo $"Usage: $0 {start|stop|status|restart|condrestart}"
	exit 1
esac

exit $?
`;

const NETWORK = `#! /bin/bash
#
# network       Bring up/down networking
#
# chkconfig: 2345 10 90
# description: Activates/Deactivates all network interfaces configured to \\
#              start at boot time.
#
### BEGIN INIT INFO
# Provides: $network
### END INIT INFO

# Source function library.
. /etc/init.d/functions

if [ ! -f /etc/sysconfig/network ]; then
    exit 0
fi

. /etc/sysconfig/network

# Check that networking is up.
[ "\${NETWORKING}" = "no" ] && exit 0

cd /etc/sysconfig/network-scripts

# find all the interfaces besides loopback.
interfaces=
for i in ifcfg-* ; do
	case "$i" in
	  ifcfg-lo|*:*|*rpmsave|*rpmorig|*rpmnew|*~|"ifcfg-*") ;;
	  *) interfaces="$interfaces \${i#ifcfg-}" ;;
	esac
done
interfaces=\${interfaces# }

# ifup and ifdown configure the interfaces when the network layer provides them.
ifcmd() {
	if [ -x /sbin/$1 ]; then
		/sbin/"$@" >/dev/null 2>&1
	else
		true
	fi
}

# See how we were called.
case "$1" in
  start)
	action $"Bringing up loopback interface: " ifcmd ifup ifcfg-lo
	for i in $interfaces ; do
		action $"Bringing up interface $i: " ifcmd ifup $i boot
	done
	touch /var/lock/subsys/network
        ;;
  stop)
	for i in $interfaces ; do
		action $"Shutting down interface $i: " ifcmd ifdown $i boot
	done
	action $"Shutting down loopback interface: " ifcmd ifdown ifcfg-lo
	rm -f /var/lock/subsys/network
        ;;
  status)
	echo $"Configured devices:"
	echo lo $interfaces

	echo $"Currently active devices:"
	echo \`/sbin/ip -o link show up 2>/dev/null | awk -F ": " '{ print $2 }'\`
	;;
  restart|reload)
        cd "$CWD"
	$0 stop
	$0 start
	;;
  *)
        echo $"Usage: $0 {start|stop|restart|reload|status}"
        exit 1
esac

exit 0
`;

/** Red Hat init scripts by service name (/etc/rc.d/init.d/NAME). */
export const REDHAT_INIT_SCRIPTS: Record<string, string> = {
  sshd: SSHD,
  httpd: HTTPD,
  mysqld: MYSQLD,
  crond: CROND,
  syslog: SYSLOG,
  network: NETWORK,
};

/** The `# chkconfig: LEVELS START STOP` line of a script: levels ('-' = none), priorities. */
export function chkconfigHeader(script: string): { levels: string; start: number; stop: number } | undefined {
  const m = /^#\s*chkconfig:\s*(\S+)\s+(\d+)\s+(\d+)/m.exec(script);
  if (!m) return undefined;
  return { levels: m[1] === '-' ? '' : m[1]!, start: Number(m[2]), stop: Number(m[3]) };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The Red Hat service layout: /etc/rc.d/init.d with its scripts and functions, /etc/init.d and
 * /etc/rcN.d compatibility links, the runlevel links of the services that are on (`on` gives the
 * runlevels per service; by default the script's chkconfig line), the lock files of running
 * services, and the programs service, chkconfig, initlog, consoletype and usleep.
 */
export function redhatServicesLayout(options: { scripts?: string[]; on?: Record<string, string>; running?: string[] } = {}): FsLayout {
  const names = options.scripts ?? Object.keys(REDHAT_INIT_SCRIPTS);
  const layout: FsLayout = {
    '/etc/rc.d/init.d': { dir: true },
    '/etc/rc.d/init.d/functions': { content: REDHAT_FUNCTIONS, perm: 0o755 },
    '/etc/init.d': { symlink: 'rc.d/init.d' },
    '/etc/sysconfig/init': { content: REDHAT_SYSCONFIG_INIT },
    '/etc/sysconfig/syslog': { content: 'SYSLOGD_OPTIONS="-m 0"\nKLOGD_OPTIONS="-x"\n' },
    '/var/lock/subsys': { dir: true },
    '/sbin/service': { program: 'service', perm: 0o755 },
    '/sbin/chkconfig': { program: 'chkconfig', perm: 0o755 },
    '/sbin/initlog': { program: 'initlog', perm: 0o755 },
    '/sbin/consoletype': { program: 'consoletype', perm: 0o755 },
    '/bin/usleep': { program: 'usleep', perm: 0o755 },
  };
  for (let level = 0; level <= 6; level++) {
    layout[`/etc/rc.d/rc${level}.d`] = { dir: true };
    layout[`/etc/rc${level}.d`] = { symlink: `rc.d/rc${level}.d` };
  }
  for (const name of names) {
    const script = REDHAT_INIT_SCRIPTS[name];
    if (!script) throw new Error(`no Red Hat init script ${name}`);
    layout[`/etc/rc.d/init.d/${name}`] = { content: script, perm: 0o755 };
    const header = chkconfigHeader(script)!;
    const on = options.on?.[name] ?? header.levels;
    for (let level = 0; level <= 6; level++) {
      const link = on.includes(String(level)) ? `S${two(header.start)}${name}` : `K${two(header.stop)}${name}`;
      layout[`/etc/rc.d/rc${level}.d/${link}`] = { symlink: `../init.d/${name}` };
    }
  }
  for (const name of options.running ?? []) layout[`/var/lock/subsys/${name}`] = { content: '' };
  return layout;
}

/**
 * The host's services: every script, all on in runlevels 2–5 (httpd and mysqld were enabled with
 * `chkconfig … on`, the host starts them at boot), and the lock files of the services running.
 * Merge into the host layout (vserverHostLayout()); see the package report for the order.
 */
export function hostServicesLayout(): FsLayout {
  return redhatServicesLayout({
    on: { httpd: '2345', mysqld: '2345' },
    running: ['sshd', 'httpd', 'mysqld', 'crond', 'syslog', 'network'],
  });
}

// ----- Debian -------------------------------------------------------------------------------

/** lsb-base 3.1's /lib/lsb/init-functions, the part etch's scripts use. */
export const LSB_INIT_FUNCTIONS = `# /lib/lsb/init-functions for Debian -*- shell-script -*-
#
#Copyright (c) 2002-06 Chris Lawrence
#All rights reserved.

start_daemon () {
    local force nice pidfile exec i args
    force=0
    nice=0
    pidfile=/dev/null

    OPTIND=1
    while getopts fn:p: opt ; do
        case "$opt" in
            f)  force=1;;
            n)  nice="$OPTARG";;
            p)  pidfile="$OPTARG";;
        esac
    done

    shift $(($OPTIND - 1))
    if [ "$1" = '--' ]; then
        shift
    fi

    exec="$1"; shift

    args="--start --nicelevel $nice --quiet --oknodo"
    if [ $force = 1 ]; then
        /sbin/start-stop-daemon $args --startas $exec --pidfile /dev/null -- "$@"
    elif [ $pidfile ]; then
        /sbin/start-stop-daemon $args --startas $exec --pidfile "$pidfile" -- "$@"
    else
        /sbin/start-stop-daemon $args --exec $exec -- "$@"
    fi
}

log_success_msg () {
    echo "$@"
}

log_failure_msg () {
    echo "$@"
}

log_warning_msg () {
    echo "$@"
}

log_daemon_msg () {
    if [ -z "$1" ]; then
        return 1
    fi

    if [ -z "$2" ]; then
        echo -n "$1:"
        return
    fi

    echo -n "$1: $2"
}

log_progress_msg () {
    if [ -z "$1" ]; then
        return 1
    fi
    echo -n " $@"
}

log_end_msg () {
    # If no arguments were passed, return
    [ -z "$1" ] && return 1

    if [ $1 -eq 0 ]; then
        echo "."
    else
        echo " failed!"
    fi
    return $1
}

log_action_msg () {
    echo "$@."
}

log_action_begin_msg () {
    echo -n "$@..."
}

log_action_cont_msg () {
    echo -n "$@..."
}

log_action_end_msg () {
    if [ -z "$2" ]; then
        end="."
    else
        end=" ($2)."
    fi

    if [ $1 -eq 0 ]; then
        echo "done\${end}"
    else
        echo "failed\${end}"
    fi
}
`;

export type DebianFlavor = 'sarge' | 'etch';

/** A Debian init script in sarge's plain style or etch's LSB style, started with start-stop-daemon. */
function debianDaemonScript(o: {
  name: string;
  title: string;
  what: string;
  exec: string;
  pidfile: string;
  flavor: DebianFlavor;
  args?: string;
  comment: string;
  checks?: string;
}): string {
  const start = `start-stop-daemon --start --quiet --pidfile ${o.pidfile} --exec ${o.exec}${o.args ? ` -- ${o.args}` : ''}`;
  const stop = `start-stop-daemon --stop --quiet --oknodo --pidfile ${o.pidfile}`;
  const head = `#! /bin/sh\n${o.comment}\n\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\n\ntest -x ${o.exec} || exit 0\n${o.checks ?? ''}`;
  if (o.flavor === 'sarge') {
    return `${head}
case "$1" in
  start)
	echo -n "Starting ${o.title}: ${o.what}"
	${start}
	echo "."
	;;
  stop)
	echo -n "Stopping ${o.title}: ${o.what}"
	${stop}
	echo "."
	;;
  restart|force-reload)
	echo -n "Restarting ${o.title}: ${o.what}"
	${stop} --retry 30
	${start}
	echo "."
	;;
  *)
	echo "Usage: /etc/init.d/${o.name} {start|stop|restart|force-reload}"
	exit 1
esac

exit 0
`;
  }
  return `${head}
. /lib/lsb/init-functions

case "$1" in
  start)
	log_daemon_msg "Starting ${o.title}" "${o.what}"
	if ${start}; then
	    log_end_msg 0
	else
	    log_end_msg 1
	fi
	;;
  stop)
	log_daemon_msg "Stopping ${o.title}" "${o.what}"
	if ${stop}; then
	    log_end_msg 0
	else
	    log_end_msg 1
	fi
	;;
  restart|force-reload)
	log_daemon_msg "Restarting ${o.title}" "${o.what}"
	${stop} --retry 30
	if ${start}; then
	    log_end_msg 0
	else
	    log_end_msg 1
	fi
	;;
  *)
	log_action_msg "Usage: /etc/init.d/${o.name} {start|stop|restart|force-reload}"
	exit 1
esac

exit 0
`;
}

/** Debian init scripts by name (/etc/init.d/NAME) for a flavour. */
export function debianInitScripts(flavor: DebianFlavor): Record<string, string> {
  return {
    ssh: debianDaemonScript({
      name: 'ssh',
      flavor,
      title: 'OpenBSD Secure Shell server',
      what: 'sshd',
      exec: '/usr/sbin/sshd',
      pidfile: '/var/run/sshd.pid',
      comment: '\n# /etc/init.d/ssh: start and stop the OpenBSD "secure shell(tm)" daemon',
      checks: '\n# Configurable options:\n[ -r /etc/default/ssh ] && . /etc/default/ssh\n',
    }),
    apache2: debianDaemonScript({
      name: 'apache2',
      flavor,
      title: 'web server',
      what: 'apache2',
      exec: '/usr/sbin/apache2',
      pidfile: '/var/run/apache2.pid',
      args: '-k start',
      comment: '#\n# apache2\t\tThis init.d script is used to start apache2.\n#\t\t\tIt basically just calls apache2ctl.',
      checks: '\nNO_START=0\n[ -f /etc/default/apache2 ] && . /etc/default/apache2\nif [ "$NO_START" != "0" -a "$1" != "stop" ]; then\n\techo "Not starting apache2 - edit /etc/default/apache2 and change NO_START to be 0."\n\texit 0\nfi\n',
    }),
    mysql: debianDaemonScript({
      name: 'mysql',
      flavor,
      title: 'MySQL database server',
      what: 'mysqld',
      exec: '/usr/sbin/mysqld',
      pidfile: '/var/run/mysqld/mysqld.pid',
      args: '--basedir=/usr --datadir=/var/lib/mysql --user=mysql --pid-file=/var/run/mysqld/mysqld.pid --socket=/var/run/mysqld/mysqld.sock',
      comment: '#\n# MySQL daemon start/stop script.\n#\n# Debian version. Based on the original by TcX.',
    }),
    cron: debianDaemonScript({
      name: 'cron',
      flavor,
      title: 'periodic command scheduler',
      what: 'cron',
      exec: '/usr/sbin/cron',
      pidfile: '/var/run/crond.pid',
      comment: '# Start/stop the cron daemon.',
    }),
    sysklogd: debianDaemonScript({
      name: 'sysklogd',
      flavor,
      title: 'system log daemon',
      what: 'syslogd',
      exec: '/sbin/syslogd',
      pidfile: '/var/run/syslogd.pid',
      comment: '# /etc/init.d/sysklogd: start the system log daemon.',
    }),
    klogd: debianDaemonScript({
      name: 'klogd',
      flavor,
      title: 'kernel log daemon',
      what: 'klogd',
      exec: '/sbin/klogd',
      pidfile: '/var/run/klogd.pid',
      comment: '# /etc/init.d/klogd: start the kernel log daemon.',
    }),
  };
}

/** Default sysv-rc priorities of the Debian scripts (update-rc.d NAME defaults uses 20). */
export const DEBIAN_RC_PRIORITY: Record<string, { start: number; stop: number }> = {
  sysklogd: { start: 10, stop: 90 },
  klogd: { start: 11, stop: 89 },
  ssh: { start: 20, stop: 20 },
  apache2: { start: 91, stop: 9 },
  mysql: { start: 19, stop: 21 },
  cron: { start: 89, stop: 11 },
};

/** Debian's runlevel links for scripts: S in 2–5, K in 0, 1 and 6 (update-rc.d NAME defaults). */
export function debianRcLinks(names: string[]): FsLayout {
  const layout: FsLayout = {};
  for (const name of names) {
    const p = DEBIAN_RC_PRIORITY[name] ?? { start: 20, stop: 20 };
    for (const level of [0, 1, 6]) layout[`/etc/rc${level}.d/K${two(p.stop)}${name}`] = { symlink: `../init.d/${name}` };
    for (const level of [2, 3, 4, 5]) layout[`/etc/rc${level}.d/S${two(p.start)}${name}`] = { symlink: `../init.d/${name}` };
  }
  return layout;
}

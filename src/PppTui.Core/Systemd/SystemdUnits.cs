namespace PppTui.Core.Systemd;

/// <summary>
/// The systemd template unit that keeps a profile's link up across logouts and reboots:
/// <c>ppptui@NAME.service</c> runs <c>pppd call NAME nodetach nolog up_sdnotify</c>.
/// Build vs run: this class only renders text and names; <see cref="ServiceManager"/> writes and enables.
/// </summary>
public static class SystemdUnits
{
    /// <summary>The template's file name.</summary>
    public const string TemplateFileName = "ppptui@.service";

    /// <summary>Where a package puts the template (/usr/lib is the merged-/usr spelling of /lib).</summary>
    public static readonly IReadOnlyList<string> VendorUnitPaths =
        ["/lib/systemd/system/" + TemplateFileName, "/usr/lib/systemd/system/" + TemplateFileName];

    /// <summary>Where <c>ppptui service enable</c> writes the template when no packaged copy matches.</summary>
    public const string LocalUnitPath = "/etc/systemd/system/" + TemplateFileName;

    /// <summary>The directory whose symlinks say which instances start at boot.</summary>
    public const string WantsDir = "/etc/systemd/system/multi-user.target.wants";

    /// <summary>The pppd every Debian-like system has; used when none is found under the root.</summary>
    public const string DefaultPppdPath = "/usr/sbin/pppd";

    private static readonly string[] PppdCandidates =
        ["/usr/sbin/pppd", "/sbin/pppd", "/usr/local/sbin/pppd", "/usr/bin/pppd", "/usr/local/bin/pppd"];

    /// <summary>The unit instance of a profile, e.g. <c>ppptui@office.service</c>.</summary>
    /// <exception cref="PppTuiException">The name cannot be a profile (and so not an instance either).</exception>
    public static string InstanceName(string profileName)
    {
        // Profile names are [A-Za-z0-9._-]: all legal in a unit instance as they are, so the
        // instance needs no systemd-escape and %i in the template is exactly the profile name.
        if (ValueRules.CheckProfileName(profileName) is { } problem)
            throw new PppTuiException(Msg.F("'{0}' is not a valid profile name: {1}", profileName, problem), Msg.T("Use 'ppptui list' to see the profiles."));
        return $"ppptui@{profileName}.service";
    }

    /// <summary>The profile name of an instance file name such as <c>ppptui@office.service</c>, or null.</summary>
    public static string? ProfileOf(string unitFileName) =>
        unitFileName.StartsWith("ppptui@", StringComparison.Ordinal) && unitFileName.EndsWith(".service", StringComparison.Ordinal)
            && unitFileName.Length > "ppptui@.service".Length
            ? unitFileName["ppptui@".Length..^".service".Length]
            : null;

    /// <summary>The pppd the unit should run: the first one found under the root, as a system path.</summary>
    public static string FindPppd(SystemPaths paths) =>
        PppdCandidates.FirstOrDefault(p => File.Exists(paths.Under(p))) ?? DefaultPppdPath;

    /// <summary>The template unit text, running <paramref name="pppdPath"/> (a path on the target system).</summary>
    public static string RenderTemplate(string pppdPath = DefaultPppdPath)
    {
        if (!pppdPath.StartsWith('/') || pppdPath.Any(char.IsWhiteSpace) || pppdPath.Contains('%'))
            throw new ArgumentException("the pppd path must be absolute, without spaces or '%'", nameof(pppdPath));
        return $"""
            # ppptui@.service: keeps the pppd link of one ppptui profile up, across logouts and
            # reboots. `ppptui service enable NAME` writes this file and runs
            # `systemctl enable --now ppptui@NAME.service`; edit the profile rather than this file.
            #
            # %i, not %I: a profile name may contain '-', which %I would unescape to '/'.
            # nodetach + up_sdnotify: pppd stays the main process and tells systemd READY=1 once
            #   the link is up; a profile's own `updetach` cannot detach it (nodetach wins).
            # nolog: pppd logs to syslog (the journal, identifier pppd) once, not again on stdout.
            # Restart=on-failure: when pppd exits with an error (dial failed, maxfail reached,
            #   server gone) systemd starts it again after RestartSec. A profile with `persist`
            #   redials inside the same pppd first; both together keep the link up.
            # SuccessExitStatus=5: pppd exits 5 on SIGTERM (systemctl stop, poff): a stop, not
            #   a failure, so it is not restarted until the next boot or start.

            [Unit]
            Description=PPP link %i (ppptui profile)
            Documentation=man:ppptui(8) man:pppd(8)
            After=network-online.target
            Wants=network-online.target
            StartLimitIntervalSec=0

            [Service]
            Type=notify
            NotifyAccess=main
            ExecStart={pppdPath} call %i nodetach nolog up_sdnotify
            Restart=on-failure
            RestartSec=10
            TimeoutStartSec=120
            SuccessExitStatus=5

            [Install]
            WantedBy=multi-user.target

            """;
    }
}

namespace PppTui.Core.Dialing;

/// <summary>
/// Builds the pppd command lines ppptui runs (build vs run: tests assert these lists).
/// </summary>
/// <remarks>
/// Connect is <c>pppd call NAME updetach [linkname NAME]</c>:
/// <list type="bullet">
/// <item><c>updetach</c> keeps pppd attached (its log on our stdout) until the link is up, then
/// it detaches and lives on without us; a failure before that ends the call with pppd's exit
/// status. It comes after <c>call NAME</c> so that it wins over a <c>nodetach</c> in the peers file.</item>
/// <item><c>linkname NAME</c> is added when the options do not already set a linkname. pppd then
/// writes /run/ppp-NAME.pid from its very start (pid, and the interface once known), so a link is
/// found again even mid-dial, and the profile maps to its interface without guessing. linkname
/// is privileged, which is fine: connect runs as root. A linkname the user set is kept as is,
/// because ip-up scripts may depend on it; discovery still maps it through the process's
/// <c>call NAME</c>.</item>
/// </list>
/// There is no home-made redial loop: persist, holdoff, maxfail and lcp-echo stay pppd's job.
/// </remarks>
public sealed class PppdCommands
{
    public PppdCommands(string pppdProgram = "pppd")
    {
        PppdProgram = pppdProgram;
    }

    /// <summary>The pppd binary: a bare name is looked up on PATH.</summary>
    public string PppdProgram { get; }

    /// <summary>Finds pppd on PATH or in the usual sbin folders (sudo and init keep no sbin on PATH).</summary>
    public static PppdCommands ForThisSystem()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Join(dir, "pppd");
            if (File.Exists(candidate)) return new PppdCommands(candidate);
        }
        return new PppdCommands();
    }

    /// <summary>The command that dials peer <paramref name="name"/> and returns once it is up or has failed.</summary>
    public CommandSpec Connect(string name, PeerOptions options)
    {
        if (LinkNames.Problem(name) is { } problem) throw new ArgumentException(problem, nameof(name));
        var args = new List<string> { "call", name, "updetach" };
        if (string.IsNullOrEmpty(options.LinkName))
        {
            args.Add("linkname");
            args.Add(name);
        }
        return new CommandSpec(PppdProgram, args);
    }

    /// <summary>The linkname pppd will use for its /run/ppp-LINKNAME.pid file after <see cref="Connect"/>.</summary>
    public static string LinkNameFor(string name, PeerOptions options) =>
        string.IsNullOrEmpty(options.LinkName) ? name : options.LinkName!;
}

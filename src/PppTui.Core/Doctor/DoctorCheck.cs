namespace PppTui.Core.Doctor;

/// <summary>How a doctor check came out.</summary>
public enum CheckStatus
{
    Ok,
    /// <summary>Works, but something will bite (a stale lock, DNS that will be ignored, ...).</summary>
    Warn,
    /// <summary>A link cannot work like this.</summary>
    Fail,
    /// <summary>Not checked: not relevant here, or something it depends on is missing.</summary>
    Skip,
}

/// <summary>
/// One finding of <c>ppptui doctor</c>: what was checked, how it came out, what was seen, and the fix.
/// </summary>
/// <param name="Id">Stable dotted id scripts can match, e.g. <c>kernel.ppp_generic</c>, <c>options.auth</c>.</param>
/// <param name="Title">What was checked, in a few words.</param>
/// <param name="Detail">What was found, in a sentence.</param>
public sealed record DoctorCheck(string Id, string Title, CheckStatus Status, string Detail)
{
    /// <summary>What to do about a warn or fail: a command or an edit, ready to use.</summary>
    public string? Fix { get; init; }

    /// <summary>What the finding rests on: a file:line, a config line, a command's output.</summary>
    public string? Evidence { get; init; }

    /// <summary>The profile the check is about, or null for checks of the machine.</summary>
    public string? Profile { get; init; }

    public static DoctorCheck Ok(string id, string title, string detail) => new(id, title, CheckStatus.Ok, detail);
    public static DoctorCheck Skip(string id, string title, string detail) => new(id, title, CheckStatus.Skip, detail);
    public static DoctorCheck Warn(string id, string title, string detail, string fix) => new(id, title, CheckStatus.Warn, detail) { Fix = fix };
    public static DoctorCheck Fail(string id, string title, string detail, string fix) => new(id, title, CheckStatus.Fail, detail) { Fix = fix };
}

/// <summary>Every check of one doctor run, in the order they ran.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks)
{
    public bool HasFailures => Checks.Any(c => c.Status == CheckStatus.Fail);

    public int Count(CheckStatus status) => Checks.Count(c => c.Status == status);

    /// <summary>The counts in words, e.g. "1 failed, 2 warnings, 9 ok, 3 skipped".</summary>
    public string Summary =>
        Msg.F("{0} failed, {1} warnings, {2} ok, {3} skipped", Count(CheckStatus.Fail), Count(CheckStatus.Warn), Count(CheckStatus.Ok), Count(CheckStatus.Skip));

    public DoctorCheck? Find(string id, string? profile = null) =>
        Checks.FirstOrDefault(c => c.Id == id && (profile is null || c.Profile == profile));
}

/// <summary>What to check.</summary>
public sealed record DoctorRequest
{
    /// <summary>Check only this profile (and the machine); null checks every profile.</summary>
    public string? Profile { get; init; }

    /// <summary>Also try a TCP connection to each PPTP server (the only check that touches the network).</summary>
    public bool Probe { get; init; }

    public int ProbePort { get; init; } = 1723;

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

namespace PppTui.Tui.Models;

/// <summary>
/// Links kept up by systemd (<c>ppptui@NAME.service</c>) and the doctor's checks. Implementations
/// may raise <see cref="Changed"/> on any thread; views marshal to the UI thread themselves.
/// </summary>
public interface IServiceModel
{
    /// <summary>Whether systemd runs here, only in the --root tree, or not at all.</summary>
    SystemdPresence Presence { get; }

    /// <summary>True when the profile's unit starts at boot, as last looked at (no process, no wait).</summary>
    bool IsKeptUp(string profileName);

    /// <summary>Raised when the set of profiles kept up by systemd changed.</summary>
    event EventHandler? Changed;

    /// <summary>Looks at the unit links again (units enabled elsewhere, e.g. by the CLI).</summary>
    void Refresh();

    /// <summary>Enables the profile's unit; with <paramref name="startNow"/> systemd also starts pppd now.</summary>
    Task<ActionResult> EnableAsync(string profileName, bool startNow, CancellationToken cancellationToken);

    /// <summary>Disables the profile's unit and stops the pppd it runs.</summary>
    Task<ActionResult> DisableAsync(string profileName, CancellationToken cancellationToken);

    /// <summary>The doctor's checks of this machine and one profile (null: every profile).</summary>
    Task<DoctorReport> RunDoctorAsync(string? profileName, CancellationToken cancellationToken);

    /// <summary>Writes the profile's support bundle (every secret masked) to <paramref name="output"/>.</summary>
    Task<BundleResult> WriteBundleAsync(string profileName, string output, CancellationToken cancellationToken);
}

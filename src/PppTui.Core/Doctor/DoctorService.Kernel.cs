namespace PppTui.Core.Doctor;

/// <summary>The doctor's checks of kernel PPP support: ppp_generic, the kind modules, /dev/ppp.</summary>
public sealed partial class DoctorService
{
    private static string Kernel(KernelSupport k) => k.Release.Length > 0 ? $"the running kernel ({k.Release})" : "the running kernel";

    private IEnumerable<DoctorCheck> KernelChecks(KernelSupport kernel, Needs needs)
    {
        var generic = kernel.Module("ppp_generic", "CONFIG_PPP");
        yield return GenericCheck(kernel, generic);
        yield return DevPppCheck(kernel, generic);
        foreach (var (module, symbol, users, purpose) in new[]
                 {
                     ("ppp_async", "CONFIG_PPP_ASYNC", needs.Async, "serial modems and PPTP (pppd talks to pptp through a pty)"),
                     ("ppp_mppe", "CONFIG_PPP_MPPE", needs.Mppe, "MPPE encryption (require-mppe, PPTP)"),
                     ("pppoe", "CONFIG_PPPOE", needs.PppoeModule, "PPPoE (the rp-pppoe plugin)"),
                 })
        {
            var id = "kernel." + module;
            var title = $"kernel module {module}";
            if (!generic.Present)
            {
                yield return DoctorCheck.Skip(id, title, "no PPP in the kernel (see kernel.ppp_generic)");
                continue;
            }
            var state = kernel.Module(module, symbol);
            if (state.Present)
            {
                yield return DoctorCheck.Ok(id, title, $"{Describe(state)}; needed for {purpose}") with { Evidence = state.Evidence };
                continue;
            }
            var detail = $"{module} is {Missing(state, kernel)}; it is needed for {purpose}" +
                         (users.Count > 0 ? $", which {string.Join(", ", users)} use{(users.Count == 1 ? "s" : "")}" : "");
            var fix = state.Availability == ModuleAvailability.ModuleFileMissing
                ? $"Install the modules of {Kernel(kernel)} (apt-get install linux-image-$(uname -r); on Ubuntu linux-modules-extra-$(uname -r)), then modprobe {module}."
                : $"Use a kernel built with {symbol} (Debian's stock kernel has it); in a container, run modprobe {module} on the host.";
            yield return (users.Count > 0 ? DoctorCheck.Fail(id, title, detail, fix) : DoctorCheck.Warn(id, title, detail, fix)) with { Evidence = state.Evidence };
        }
    }

    private static string Describe(KernelModuleState state) => state.Availability switch
    {
        ModuleAvailability.Loaded => "loaded",
        ModuleAvailability.BuiltIn => "built into the kernel",
        ModuleAvailability.Loadable => "available as a module (the kernel loads it when pppd needs it)",
        _ => state.Availability.ToString(),
    };

    private static string Missing(KernelModuleState state, KernelSupport kernel) => state.Availability switch
    {
        ModuleAvailability.NotBuilt => $"not in {Kernel(kernel)}: it was built without {state.ConfigSymbol}",
        ModuleAvailability.ModuleFileMissing => $"built as a module for {Kernel(kernel)}, but the module file is not installed",
        _ => $"not loaded, and {Kernel(kernel)} shows no trace of it",
    };

    private static DoctorCheck GenericCheck(KernelSupport kernel, KernelModuleState generic)
    {
        const string id = "kernel.ppp_generic", title = "PPP support in the kernel";
        if (generic.Present)
            return DoctorCheck.Ok(id, title, $"ppp_generic is {Describe(generic)}") with { Evidence = generic.Evidence };
        var exit4 = "pppd stops with exit code 4 (\"Couldn't open the /dev/ppp device\").";
        var containerFix = "In a container, load it on the host (modprobe ppp_generic) and start the container with the device: docker run --device /dev/ppp --cap-add NET_ADMIN ...";
        switch (generic.Availability)
        {
            case ModuleAvailability.NotBuilt:
                var noModules = kernel.CanLoadModules == false ? " and cannot load modules (CONFIG_MODULES is not set)" : "";
                return DoctorCheck.Fail(id, title,
                    $"No PPP in the kernel: {Kernel(kernel)} was built without PPP support (CONFIG_PPP){noModules}. {exit4}",
                    "Boot a kernel built with CONFIG_PPP (Debian's stock kernel, linux-image-amd64 or linux-image-arm64, has it as modules). " + containerFix)
                    with { Evidence = generic.Evidence + (kernel.CanLoadModules == false ? $"; {kernel.ConfigSource}: # CONFIG_MODULES is not set" : "") };
            case ModuleAvailability.ModuleFileMissing:
                return DoctorCheck.Fail(id, title,
                    $"No PPP in the kernel now: {Kernel(kernel)} has PPP as a module, but ppp_generic.ko is not installed for it. {exit4}",
                    "Install this kernel's modules (apt-get install linux-image-$(uname -r)), or reboot into the kernel the installed modules belong to; then modprobe ppp_generic.")
                    with { Evidence = generic.Evidence };
            default:
                return kernel.DevPppExists
                    ? DoctorCheck.Warn(id, title,
                        "ppp_generic is not loaded and the kernel's configuration is not readable, but /dev/ppp exists (a container whose host has PPP?).",
                        "Try 'modprobe ppp_generic'; if pppd exits with 4, the kernel lacks PPP. " + containerFix) with { Evidence = generic.Evidence }
                    : DoctorCheck.Fail(id, title,
                        $"No PPP in the kernel that ppptui can find: ppp_generic is not loaded, no module file for it, no /dev/ppp. {exit4}",
                        "Run 'modprobe ppp_generic'; if that fails, boot a kernel built with CONFIG_PPP. " + containerFix) with { Evidence = generic.Evidence };
        }
    }

    private static DoctorCheck DevPppCheck(KernelSupport kernel, KernelModuleState generic)
    {
        const string id = "kernel.dev-ppp", title = "/dev/ppp";
        if (kernel.DevPppExists) return DoctorCheck.Ok(id, title, "/dev/ppp exists");
        if (!generic.Present) return DoctorCheck.Skip(id, title, "no PPP in the kernel (see kernel.ppp_generic)");
        if (generic.Availability == ModuleAvailability.Loadable)
            return DoctorCheck.Warn(id, title, "/dev/ppp does not exist yet; loading ppp_generic creates it",
                "modprobe ppp_generic (or create it: mknod /dev/ppp c 108 0 && chmod 600 /dev/ppp)");
        return DoctorCheck.Fail(id, title, "/dev/ppp does not exist although the kernel has PPP: pppd stops with exit code 4.",
            "mknod /dev/ppp c 108 0 && chmod 600 /dev/ppp; in a container, start it with --device /dev/ppp.");
    }
}

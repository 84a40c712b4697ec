namespace PppTui.Core.Doctor;

/// <summary>The doctor's checks of kernel PPP support: ppp_generic, the kind modules, /dev/ppp.</summary>
public sealed partial class DoctorService
{
    private static string Kernel(KernelSupport k) => k.Release.Length > 0 ? Msg.F("the running kernel ({0})", k.Release) : Msg.T("the running kernel");

    private IEnumerable<DoctorCheck> KernelChecks(KernelSupport kernel, Needs needs)
    {
        var generic = kernel.Module("ppp_generic", "CONFIG_PPP");
        yield return GenericCheck(kernel, generic);
        yield return DevPppCheck(kernel, generic);
        foreach (var (module, symbol, users, purpose) in new[]
                 {
                     ("ppp_async", "CONFIG_PPP_ASYNC", needs.Async, Msg.T("serial modems and PPTP (pppd talks to pptp through a pty)")),
                     ("ppp_mppe", "CONFIG_PPP_MPPE", needs.Mppe, Msg.T("MPPE encryption (require-mppe, PPTP)")),
                     ("pppoe", "CONFIG_PPPOE", needs.PppoeModule, Msg.T("PPPoE (the rp-pppoe plugin)")),
                 })
        {
            var id = "kernel." + module;
            var title = Msg.F("kernel module {0}", module);
            if (!generic.Present)
            {
                yield return DoctorCheck.Skip(id, title, Msg.T("no PPP in the kernel (see kernel.ppp_generic)"));
                continue;
            }
            var state = kernel.Module(module, symbol);
            if (state.Present)
            {
                yield return DoctorCheck.Ok(id, title, Msg.F("{0}; needed for {1}", Describe(state), purpose)) with { Evidence = state.Evidence };
                continue;
            }
            var detail = users.Count switch
            {
                0 => Msg.F("{0} is {1}; it is needed for {2}", module, Missing(state, kernel), purpose),
                1 => Msg.F("{0} is {1}; it is needed for {2}, which {3} uses", module, Missing(state, kernel), purpose, users[0]),
                _ => Msg.F("{0} is {1}; it is needed for {2}, which {3} use", module, Missing(state, kernel), purpose, string.Join(", ", users)),
            };
            var fix = state.Availability == ModuleAvailability.ModuleFileMissing
                ? Msg.F("Install the modules of {0} (apt-get install linux-image-$(uname -r); on Ubuntu linux-modules-extra-$(uname -r)), then modprobe {1}.", Kernel(kernel), module)
                : Msg.F("Use a kernel built with {0} (Debian's stock kernel has it); in a container, run modprobe {1} on the host.", symbol, module);
            yield return (users.Count > 0 ? DoctorCheck.Fail(id, title, detail, fix) : DoctorCheck.Warn(id, title, detail, fix)) with { Evidence = state.Evidence };
        }
    }

    private static string Describe(KernelModuleState state) => state.Availability switch
    {
        ModuleAvailability.Loaded => Msg.T("loaded"),
        ModuleAvailability.BuiltIn => Msg.T("built into the kernel"),
        ModuleAvailability.Loadable => Msg.T("available as a module (the kernel loads it when pppd needs it)"),
        _ => state.Availability.ToString(),
    };

    private static string Missing(KernelModuleState state, KernelSupport kernel) => state.Availability switch
    {
        ModuleAvailability.NotBuilt => Msg.F("not in {0}: it was built without {1}", Kernel(kernel), state.ConfigSymbol),
        ModuleAvailability.ModuleFileMissing => Msg.F("built as a module for {0}, but the module file is not installed", Kernel(kernel)),
        _ => Msg.F("not loaded, and {0} shows no trace of it", Kernel(kernel)),
    };

    private static DoctorCheck GenericCheck(KernelSupport kernel, KernelModuleState generic)
    {
        const string id = "kernel.ppp_generic";
        var title = Msg.T("PPP support in the kernel");
        if (generic.Present)
            return DoctorCheck.Ok(id, title, Msg.F("ppp_generic is {0}", Describe(generic))) with { Evidence = generic.Evidence };
        var exit4 = Msg.T("pppd stops with exit code 4 (\"Couldn't open the /dev/ppp device\").");
        var containerFix = Msg.T("In a container, load it on the host (modprobe ppp_generic) and start the container with the device: docker run --device /dev/ppp --cap-add NET_ADMIN ...");
        switch (generic.Availability)
        {
            case ModuleAvailability.NotBuilt:
                var noModules = kernel.CanLoadModules == false ? Msg.T(" and cannot load modules (CONFIG_MODULES is not set)") : "";
                return DoctorCheck.Fail(id, title,
                    Msg.F("No PPP in the kernel: {0} was built without PPP support (CONFIG_PPP){1}. {2}", Kernel(kernel), noModules, exit4),
                    Msg.F("Boot a kernel built with CONFIG_PPP (Debian's stock kernel, linux-image-amd64 or linux-image-arm64, has it as modules). {0}", containerFix))
                    with { Evidence = generic.Evidence + (kernel.CanLoadModules == false ? $"; {kernel.ConfigSource}: # CONFIG_MODULES is not set" : "") };
            case ModuleAvailability.ModuleFileMissing:
                return DoctorCheck.Fail(id, title,
                    Msg.F("No PPP in the kernel now: {0} has PPP as a module, but ppp_generic.ko is not installed for it. {1}", Kernel(kernel), exit4),
                    Msg.T("Install this kernel's modules (apt-get install linux-image-$(uname -r)), or reboot into the kernel the installed modules belong to; then modprobe ppp_generic."))
                    with { Evidence = generic.Evidence };
            default:
                return kernel.DevPppExists
                    ? DoctorCheck.Warn(id, title,
                        Msg.T("ppp_generic is not loaded and the kernel's configuration is not readable, but /dev/ppp exists (a container whose host has PPP?)."),
                        Msg.F("Try 'modprobe ppp_generic'; if pppd exits with 4, the kernel lacks PPP. {0}", containerFix)) with { Evidence = generic.Evidence }
                    : DoctorCheck.Fail(id, title,
                        Msg.F("No PPP in the kernel that ppptui can find: ppp_generic is not loaded, no module file for it, no /dev/ppp. {0}", exit4),
                        Msg.F("Run 'modprobe ppp_generic'; if that fails, boot a kernel built with CONFIG_PPP. {0}", containerFix)) with { Evidence = generic.Evidence };
        }
    }

    private static DoctorCheck DevPppCheck(KernelSupport kernel, KernelModuleState generic)
    {
        const string id = "kernel.dev-ppp", title = "/dev/ppp";
        if (kernel.DevPppExists) return DoctorCheck.Ok(id, title, Msg.T("/dev/ppp exists"));
        if (!generic.Present) return DoctorCheck.Skip(id, title, Msg.T("no PPP in the kernel (see kernel.ppp_generic)"));
        if (generic.Availability == ModuleAvailability.Loadable)
            return DoctorCheck.Warn(id, title, Msg.T("/dev/ppp does not exist yet; loading ppp_generic creates it"),
                Msg.T("modprobe ppp_generic (or create it: mknod /dev/ppp c 108 0 && chmod 600 /dev/ppp)"));
        return DoctorCheck.Fail(id, title, Msg.T("/dev/ppp does not exist although the kernel has PPP: pppd stops with exit code 4."),
            Msg.T("mknod /dev/ppp c 108 0 && chmod 600 /dev/ppp; in a container, start it with --device /dev/ppp."));
    }
}

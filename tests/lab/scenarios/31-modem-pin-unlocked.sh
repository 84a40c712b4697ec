DESCRIPTION="A modem profile made with ppptui new --pin-stdin dials a SIM that is already unlocked (a second PIN gets +CME ERROR); the PIN never reaches the log"
EXPECT=custom
CLIENTS=ppptui
PROFILE=labpin
SECRET=4711
scenario_main() { modem_pin_scenario labpin ttyMODEM; }

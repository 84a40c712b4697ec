DESCRIPTION="A modem profile made with ppptui new --pin-stdin dials a SIM that is locked until AT+CPIN=4711; the PIN never reaches the log"
EXPECT=custom
CLIENTS=ppptui
PROFILE=labpinlock
SECRET=4711
scenario_main() { modem_pin_scenario labpinlock ttyMODEM-LOCKED; }

// AMI events (classes call and agent, plus FullyBooted and list answers) that the call tracker
// receives and knowingly ignores, so its `unknownEvents` count only grows for what might be a PBX
// speaking a dialect we do not follow (a newer Asterisk, a fork, a proxy adding its own events).

const KNOWN_IGNORED = new Set(
  [
    'FullyBooted', 'DialState', 'BridgeCreate', 'BridgeLeave', 'BridgeDestroy', 'BridgeMerge',
    'BridgeVideoSourceUpdate', 'BridgeInfoChannel', 'BridgeInfoComplete', 'NewCallerid',
    'NewConnectedLine', 'NewAccountCode', 'Newexten', 'VarSet', 'HangupRequest', 'SoftHangupRequest',
    'Hold', 'Unhold', 'MusicOnHoldStart', 'MusicOnHoldStop', 'LocalBridge', 'LocalOptimizationBegin',
    'LocalOptimizationEnd', 'AttendedTransfer', 'BlindTransfer', 'DTMFBegin', 'DTMFEnd',
    'OriginateResponse', 'AgentDump', 'AgentLogin', 'AgentLogoff', 'QueueMemberStatus',
    'QueueMemberAdded', 'QueueMemberRemoved', 'QueueMemberPause', 'QueueMemberPaused',
    'QueueMemberPenalty', 'QueueMemberRinginuse', 'QueueParams', 'QueueMember', 'QueueEntry',
    'QueueStatusComplete', 'QueueSummary', 'QueueSummaryComplete', 'CoreShowChannel',
    'CoreShowChannelsComplete', 'Rename', 'Masquerade', 'ChannelTalkingStart', 'ChannelTalkingStop',
    'MixMonitorStart', 'MixMonitorStop', 'MixMonitorMute', 'Pickup', 'ChanSpyStart', 'ChanSpyStop',
    'ParkedCall', 'ParkedCallGiveUp', 'ParkedCallTimeOut', 'UnParkedCall', 'ParkedCallSwap',
    'ExtensionStatus', 'DeviceStateChange', 'PresenceStateChange', 'PeerStatus', 'ContactStatus',
    'Registry', 'DAHDIChannel', 'SessionTimeout', 'MCID', 'AOC-D', 'AOC-E', 'AOC-S', 'FAXStatus',
    'ReceiveFAX', 'SendFAX', 'MeetmeJoin', 'MeetmeLeave', 'MeetmeEnd', 'MeetmeMute', 'MeetmeTalking',
    'MeetmeTalkRequest', 'ConfbridgeStart', 'ConfbridgeEnd', 'ConfbridgeJoin', 'ConfbridgeLeave',
    'ConfbridgeMute', 'ConfbridgeUnmute', 'ConfbridgeTalking', 'ConfbridgeRecord',
    'ConfbridgeStopRecord', 'MiniVoiceMail', 'MessageWaiting', 'UserEvent', 'Cdr', 'CEL',
    'HangupHandlerPush', 'HangupHandlerPop', 'HangupHandlerRun', 'Shutdown', 'Reload', 'Load', 'Unload',
  ].map((e) => e.toLowerCase()),
);

/** Case-insensitive, as Asterisk compares event and header names. */
export function isKnownIgnoredEvent(name: string): boolean {
  return KNOWN_IGNORED.has(name.toLowerCase());
}

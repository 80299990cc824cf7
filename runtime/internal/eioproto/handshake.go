package eioproto

import (
	"encoding/json"
	"time"
)

// Handshake is the JSON data of the open packet. Field order and names are
// the protocol's; clients (and the official test suite) expect exactly these
// five keys.
type Handshake struct {
	SID          string   `json:"sid"`
	Upgrades     []string `json:"upgrades"`
	PingInterval int64    `json:"pingInterval"` // milliseconds
	PingTimeout  int64    `json:"pingTimeout"`  // milliseconds
	MaxPayload   int64    `json:"maxPayload"`   // bytes
}

// NewHandshake builds the open packet data for one session. A nil upgrades
// is sent as [] (never null).
func NewHandshake(sid string, upgrades []string, pingInterval, pingTimeout time.Duration, maxPayload int64) Handshake {
	if upgrades == nil {
		upgrades = []string{}
	}
	return Handshake{
		SID:          sid,
		Upgrades:     upgrades,
		PingInterval: pingInterval.Milliseconds(),
		PingTimeout:  pingTimeout.Milliseconds(),
		MaxPayload:   maxPayload,
	}
}

// OpenPacket returns the open packet carrying h.
func (h Handshake) OpenPacket() Packet {
	data, err := json.Marshal(h)
	if err != nil {
		// A struct of strings and integers always marshals.
		panic("eioproto: marshal handshake: " + err.Error())
	}
	return Packet{Type: Open, Data: data}
}

package gents

import (
	"strings"

	"github.com/rtgen/rtgen/internal/schema"
)

// socketView is what socket.ts renders: the map of every namespace and the
// generic useSocket hook typed by it.
type socketView struct {
	Header     string
	Imports    string
	Namespaces []socketNamespace
	// The parts of useSocket's signature that depend on whether the schema
	// has the main namespace "/", which is then the default.
	TypeParam     string // N extends NamespaceName = '/'
	NamespaceDoc  string
	NamespaceProp string // namespace?: N
	OptionsParam  string // options: UseSocketOptions<N> = {}
	NamespaceExpr string // options.namespace ?? '/'
}

type socketNamespace struct {
	Key string // '/leaderboard'
	nsNames
}

func buildSocket(s *schema.Schema, header string) *socketView {
	v := &socketView{Header: header}
	imports := []string{
		importLine("", []string{"useNamespaceSocket", "type SocketHookOptions", "type SocketHookResult"}, "./react"),
		"import type { NamespaceDescriptor } from './runtime';",
	}
	for _, ns := range s.Namespaces {
		n := namesOf(ns)
		v.Namespaces = append(v.Namespaces, socketNamespace{Key: quote(ns.Name), nsNames: n})
		imports = append(imports, importLine("", []string{n.Descriptor, "type " + n.ClientEvents, "type " + n.ServerEvents, "type " + n.Socket}, "./"+ns.TSName))
	}
	v.Imports = strings.Join(imports, "\n")
	if s.Namespace("/") != nil {
		v.TypeParam = "N extends NamespaceName = '/'"
		v.NamespaceDoc = jsdoc("  ", "The namespace to connect to; default '/'.")
		v.NamespaceProp = "namespace?: N"
		v.OptionsParam = "options: UseSocketOptions<N> = {}"
		v.NamespaceExpr = "options.namespace ?? '/'"
	} else {
		v.TypeParam = "N extends NamespaceName"
		v.NamespaceDoc = jsdoc("  ", "The namespace to connect to.")
		v.NamespaceProp = "namespace: N"
		v.OptionsParam = "options: UseSocketOptions<N>"
		v.NamespaceExpr = "options.namespace"
	}
	return v
}
